/** The five services; each owns the streams whose ids start with `<service>.` and one Kafka topic. */
export const SERVICES = ['catalogue', 'document-attributes', 'requests', 'interpretation', 'assessment'] as const;
export type ServiceName = (typeof SERVICES)[number];

/** Topics are `<prefix>.<service>`; the prefix separates installations sharing one Kafka cluster. */
export const topicOf = (service: string, prefix = 'gongkai'): string => `${prefix}.${service}`;

/** `catalogue.unit-370405001` → `catalogue` */
export const serviceOfStream = (streamId: string): string => streamId.slice(0, streamId.indexOf('.'));

/** `catalogue.UnitRegistered` → `catalogue` */
export const serviceOfEventType = (type: string): string => type.slice(0, type.indexOf('.'));
