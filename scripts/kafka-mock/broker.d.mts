export interface MockBroker {
  /** `host:port,host:port,…`: a value for KAFKA_BROKERS. */
  brokers: string;
  stop(): Promise<void>;
}

export function startMockBroker(options?: {
  brokers?: number;
  topics?: Record<string, number>;
}): Promise<MockBroker>;
