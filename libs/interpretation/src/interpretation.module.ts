import { Module } from '@nestjs/common';

/** The interpretation service (政策解读与回应). Its capabilities arrive with their own issues. */
@Module({})
export class InterpretationModule {}
