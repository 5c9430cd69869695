import { READ_ON, sourcedItems } from './sourced-rows';
import { TONGHAI_JIULONG } from './tonghai-jiulong';

/** 公共资源交易: row 1 of a street office's published catalogue (九龙街道办事处, √ under 全社会, 主动 and 乡级). */
export const PUBLIC_RESOURCE_TRADING_GUIDELINE = sourcedItems(
  'public-resource-trading',
  { ...TONGHAI_JIULONG, title: '(二)公共资源交易领域基层政务公开标准目录', readOn: READ_ON },
  [
    {
      firstLevel: '政府采购信息',
      secondLevel: '法律法规及政策文件',
      levels: ['乡级'],
      timeLimit: '信息形成或者变更之日起20个工作日内',
      subject: '九龙街道办事处',
      channels: ['政府网站'],
      audience: ['全社会'],
      method: ['主动'],
    },
  ],
);
