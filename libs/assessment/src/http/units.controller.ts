import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DISTRICT_READER_ROLES, DomainError, Roles } from '@gongkai/platform';
import { AssessmentUnitsProjection, type AssessedUnit } from '../read-models/units.projection';
import { Returns } from '@gongkai/platform';
import { assessedUnitViewSchema } from '@gongkai/contracts';
import { z } from 'zod';

@ApiTags('assessment: units 被考核单位')
@ApiBearerAuth()
@Controller('api/assessment/units')
export class AssessmentUnitsController {
  constructor(private readonly units: AssessmentUnitsProjection) {}

  @Get()
  @Returns(z.array(assessedUnitViewSchema), { bounded: 'one row per unit of the district (about 60)' })
  @Roles(...DISTRICT_READER_ROLES)
  @ApiOperation({ summary: '被考核单位（考核服务自有读模型）' })
  list(): Promise<AssessedUnit[]> {
    return this.units.list();
  }

  @Get(':unitId')
  @Returns(assessedUnitViewSchema)
  @Roles(...DISTRICT_READER_ROLES)
  async get(@Param('unitId') unitId: string): Promise<AssessedUnit> {
    const unit = await this.units.get(unitId);
    if (!unit) throw DomainError.notFound('UNIT_NOT_FOUND', `考核服务中没有单位 ${unitId}。`);
    return unit;
  }
}
