import { eventually, tokenFor } from '@gongkai/platform/testing';

export interface Endpoints {
  catalogue: string;
  assessment: string;
}

async function call(method: string, url: string, token: string | null, body?: unknown) {
  const response = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : null };
}

/**
 * The first real flow, the same in both shapes: the district office registers its units in the
 * catalogue service, and the assessment service keeps them in its own read model.
 */
export async function unitRegistrationScenario(endpoints: Endpoints): Promise<void> {
  const district = await tokenFor('district_office');
  const units = [
    { unitId: 'TEZ-YHJD', name: '运河街道办事处', level: '乡级', kind: 'subdistrict' },
    { unitId: 'TEZ-ZHZ', name: '张山子镇', level: '乡级', kind: 'town' },
    { unitId: 'TEZ-JYJ', name: '区教育和体育局', level: '县级', kind: 'department' },
  ];
  for (const unit of units) {
    const created = await call('POST', `${endpoints.catalogue}/api/catalogue/units`, district, unit);
    expect(created.status).toBe(201);
  }
  const clerk = await tokenFor('clerk', 'TEZ-ZHZ');
  const designated = await call('PUT', `${endpoints.catalogue}/api/catalogue/units/TEZ-ZHZ/openness-office`, clerk, {
    office: '党政综合办公室',
    officerName: '刘洋',
  });
  expect(designated.status).toBe(200);

  const assessed = await eventually(
    async () => {
      const response = await call('GET', `${endpoints.assessment}/api/assessment/units`, district);
      const list = response.body as { unitId: string; hasOpennessOffice: boolean }[];
      return list.length === 3 && list.some((u) => u.hasOpennessOffice) ? list : undefined;
    },
    30000,
    'three units in the assessment read model',
  );
  expect(assessed.map((u) => u.unitId).sort()).toEqual(['TEZ-JYJ', 'TEZ-YHJD', 'TEZ-ZHZ']);
  expect(assessed.find((u) => u.unitId === 'TEZ-ZHZ')).toMatchObject({
    hasOpennessOffice: true,
    opennessOffice: '党政综合办公室',
    officerName: '刘洋',
  });
  expect(assessed.find((u) => u.unitId === 'TEZ-JYJ')).toMatchObject({ level: '县级', hasOpennessOffice: false });
}
