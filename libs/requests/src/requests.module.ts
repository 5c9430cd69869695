import { Module } from '@nestjs/common';

/** The requests service (依申请公开). Its capabilities arrive with their own issues. */
@Module({})
export class RequestsModule {}
