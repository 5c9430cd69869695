/**
 * The street office's page that publishes one table per pilot domain, each under its own title
 * (通海县九龙街道办事处); each domain's file names its table's title.
 */
export const TONGHAI_JIULONG = {
  issuer: '通海县九龙街道办事处（tonghai.gov.cn）',
  url: 'https://www.tonghai.gov.cn/thxzfxxgk/jljd/20240816/1549045.html',
};
