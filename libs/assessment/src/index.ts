export * from './assessment.module';
export * from './read-models/units.projection';
