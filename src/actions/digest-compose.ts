/**
 * Composing one subscriber's digest for a period: selection (core) over the period index, then
 * the mail (text, HTML, RFC 8058 one-click unsubscribe headers and a Message-ID that is the same
 * for every attempt of the same digest). Used by sending, preview and the benchmark.
 */
import { type Digest, type Follow, selectDigest } from '../core/digest.ts';
import { type DeliverySchedule, type DigestPeriod, periodLabel } from '../core/digest-period.ts';
import type { Subscriber } from '../db/subscribers.ts';
import { type RenderedMail, renderDigestMail } from '../mail/digest-mail.ts';
import { mailHost, oneClickHeaders } from '../mail/list-headers.ts';
import type { MailMessage } from '../mail/mailer.ts';
import type { PeriodIndex } from './digest-period-index.ts';
import { subscriptionLink } from './subscription-links.ts';

export interface ComposeDeps {
  secret: string;
  baseUrl: string;
  siteName: string;
  now: Date;
}

/** A subscriber's delivery schedule. */
export function scheduleOf(sub: Pick<Subscriber, 'frequency' | 'hour' | 'timezone' | 'weekends'>): DeliverySchedule {
  return { frequency: sub.frequency, hour: sub.hour, timezone: sub.timezone, weekends: sub.weekends === 1 };
}

/** The Message-ID of a subscriber's digest for a period: stable, so a duplicate threads with it. */
export function digestMessageId(baseUrl: string, subscriberId: string, period: string): string {
  return `<digest.${period}.${subscriberId}@${mailHost(baseUrl)}>`;
}

export interface ComposedDigest {
  digest: Digest;
  /** Absent when the digest is empty: nothing is sent. */
  message?: MailMessage & RenderedMail;
}

/** Selects and renders a subscriber's digest; the index must have been prepared for its follows. */
export function composeDigest(
  deps: ComposeDeps,
  sub: Pick<Subscriber, 'id' | 'email' | 'max_papers' | 'trending'>,
  follows: readonly Follow[],
  index: PeriodIndex,
  period: Pick<DigestPeriod, 'key' | 'from' | 'to'>,
): ComposedDigest {
  const digest = selectDigest(index, follows, { max: sub.max_papers, trending: sub.trending === 1 });
  if (digest.paperCount === 0) return { digest };
  const unsubscribeUrl = subscriptionLink(deps.baseUrl, deps.secret, 'digest-unsubscribe', sub.id, deps.now);
  const preferencesUrl = subscriptionLink(deps.baseUrl, deps.secret, 'digest-preferences', sub.id, deps.now);
  const rendered = renderDigestMail({ digest, siteName: deps.siteName, baseUrl: deps.baseUrl, periodLabel: periodLabel(period), unsubscribeUrl, preferencesUrl });
  return {
    digest,
    message: {
      to: sub.email,
      ...rendered,
      messageId: digestMessageId(deps.baseUrl, sub.id, period.key),
      headers: oneClickHeaders(deps.baseUrl, { name: `${deps.siteName} digest`, id: 'digest' }, unsubscribeUrl),
    },
  };
}
