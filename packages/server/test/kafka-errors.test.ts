import { describe, expect, it } from 'vitest';
import { isFinal } from '../src/kafka/consumer.js';

// Which producer errors end a dead letter's tries at once: by librdkafka's code, since the client marks every
// delivery failure not retriable (a timeout among them).
describe('final Kafka errors', () => {
  it('are the ones no retry mends', () => {
    for (const code of [10, 17, 18, 29, 87]) expect(isFinal({ code, retriable: true })).toBe(true);
  });

  it('are not timeouts, leader changes or unknown errors, whatever the client says', () => {
    for (const error of [
      { code: -192, retriable: false, message: 'Local: Message timed out' },
      { code: 6, retriable: false }, // not the leader for that partition
      { code: 3 }, // unknown topic or partition, while it is created
      new Error('something else'),
      null,
    ]) {
      expect(isFinal(error)).toBe(false);
    }
  });
});
