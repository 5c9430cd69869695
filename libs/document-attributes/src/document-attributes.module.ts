import { Module } from '@nestjs/common';

/** The document-attributes service (公文公开属性). Its capabilities arrive with their own issues. */
@Module({})
export class DocumentAttributesModule {}
