import base from './playwright.config';
export default { ...base, testMatch: '**/.sla-tmp.spec.ts', webServer: undefined, use: { ...base.use, baseURL: 'http://127.0.0.1:3998' } };
