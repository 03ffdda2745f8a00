-- Molam ID user tokens: the tokens logged out before they expire, and the sandbox's development signing key.
-- migrate:up

-- A revoked token is refused until it would have expired anyway; then its row can go.
CREATE TABLE revoked_tokens (
  jti text PRIMARY KEY,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX revoked_tokens_expiry ON revoked_tokens (expires_at);

-- Sandbox servers only: the key their development issuer signs user tokens with. Production servers never
-- sign; they verify Molam ID's keys.
CREATE TABLE dev_signing_keys (
  kid text PRIMARY KEY,
  private_jwk jsonb NOT NULL,
  public_jwk jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- migrate:down

DROP TABLE dev_signing_keys;
DROP TABLE revoked_tokens;
