import {SESClient, SendEmailCommand} from '@aws-sdk/client-ses';
import {z} from 'zod';

export const mailSchema = z.object({
  to: z.email(),
  subject: z.string().min(1),
  text: z.string(),
  html: z.string(),
});
export type Mail = z.infer<typeof mailSchema>;

/** Queues mail for delivery; never blocks or fails the request that sends it. */
export type Mailer = {send(mail: Mail): Promise<void>};

export type SesOptions = {region: string; endpoint?: string | undefined; from: string};

/** Sends one mail through SES (or aws-ses-v2-local when `endpoint` points at it). */
export function createSesSender(options: SesOptions): (mail: Mail) => Promise<void> {
  const client = new SESClient({
    region: options.region,
    ...(options.endpoint
      ? {endpoint: options.endpoint, credentials: {accessKeyId: 'local', secretAccessKey: 'local'}}
      : {}),
  });
  return async mail => {
    await client.send(
      new SendEmailCommand({
        Source: options.from,
        Destination: {ToAddresses: [mail.to]},
        Message: {
          Subject: {Data: mail.subject, Charset: 'UTF-8'},
          Body: {Text: {Data: mail.text, Charset: 'UTF-8'}, Html: {Data: mail.html, Charset: 'UTF-8'}},
        },
      }),
    );
  };
}
