export * from './catalogue.module';
export * from './domain/unit';
export * from './domain/unit.decide';
export * from './read-models/units.projection';
