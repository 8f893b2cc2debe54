import { customNotification } from '../src/alert-message';

describe('customNotification', () => {
  test('customNotification - the schema Chatbot renders: version 1.0, source custom, markdown description', () => {
    expect(customNotification({ title: 'pipeline a (dev): run failed', description: 'Run *x* failed.', keywords: ['a', 'dev'], nextSteps: ['Read the logs'] })).toEqual({
      version: '1.0',
      source: 'custom',
      content: { textType: 'client-markdown', title: 'pipeline a (dev): run failed', description: 'Run *x* failed.', nextSteps: ['Read the logs'], keywords: ['a', 'dev'] },
    });
  });

  test('customNotification - leaves out empty optional parts', () => {
    expect(customNotification({ title: 't', description: 'd', keywords: [] }).content).toEqual({ textType: 'client-markdown', title: 't', description: 'd' });
  });
});
