import { runApp } from '@gongkai/platform';
import { loadDemoData, standaloneApp } from '@gongkai/shapes';

async function main() {
  const app = await runApp(standaloneApp);
  if (process.env.GONGKAI_DEMO_DATA === 'true') {
    const loaded = await loadDemoData(app);
    if (loaded > 0) process.stdout.write(`已载入演示数据：${loaded} 个单位\n`);
  }
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');
  // The last lines of `npm start`: where to look, then the one URL to open.
  process.stdout.write(
    [
      '',
      `  接口文档 (OpenAPI)： ${url}/api/docs`,
      `  单位列表（公开）：   ${url}/api/catalogue/units`,
      `  健康检查：           ${url}/health/ready`,
      `gongkai 政务公开 is running: open ${url}/ (portal 门户), ${url}/console (staff 工作台)`,
      '',
    ].join('\n'),
  );
}

void main();
