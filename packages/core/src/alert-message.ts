/**
 * The one shape of every message the platform sends to the alerts topic. Slack receives the topic
 * through AWS Chatbot, which renders only messages of its custom notification schema
 * (`version: "1.0"`, `source: "custom"`, `content.description`) and drops anything else without a
 * word; e-mail subscribers receive the same JSON as text.
 */
export interface AlertMessage {
  /** One line: what happened to whom, e.g. `:x: pipeline orders (prod): run failed`. */
  readonly title: string;
  /** The details, in Slack markdown: what happened, the data interval, links to logs and the run. */
  readonly description: string;
  /**
   * What a person should do next, one line each.
   * @default - none
   */
  readonly nextSteps?: readonly string[];
  /**
   * Short labels shown under the message (pipeline, environment, status).
   * @default - none
   */
  readonly keywords?: readonly string[];
}

/** Chatbot's custom notification, as JSON-serializable data. */
export interface CustomNotification {
  readonly version: '1.0';
  readonly source: 'custom';
  readonly content: {
    readonly textType: 'client-markdown';
    readonly title: string;
    readonly description: string;
    readonly nextSteps?: readonly string[];
    readonly keywords?: readonly string[];
  };
}

/** The custom notification of an alert. */
export function customNotification(message: AlertMessage): CustomNotification {
  return {
    version: '1.0',
    source: 'custom',
    content: {
      textType: 'client-markdown',
      title: message.title,
      description: message.description,
      ...(message.nextSteps?.length ? { nextSteps: [...message.nextSteps] } : {}),
      ...(message.keywords?.length ? { keywords: [...message.keywords] } : {}),
    },
  };
}
