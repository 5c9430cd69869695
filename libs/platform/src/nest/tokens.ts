export const GONGKAI_CONFIG = Symbol('GONGKAI_CONFIG');
export const EVENT_STORE = Symbol('EVENT_STORE');
export const EVENT_BUS = Symbol('EVENT_BUS');
export const LOGGER = Symbol('LOGGER');
