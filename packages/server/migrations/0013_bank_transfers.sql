-- Transfers to accounts at partner banks: the bank and account paid, the bank's reference once it credits,
-- and `processing` while the bank has not answered (the funds stay held meanwhile).
-- migrate:up

ALTER TABLE transfers ADD COLUMN to_bank text;
ALTER TABLE transfers ADD COLUMN external_account text;
ALTER TABLE transfers ADD COLUMN bank_reference text;
ALTER TABLE transfers DROP CONSTRAINT transfers_status_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_status_check
  CHECK (status IN ('requires_otp', 'processing', 'completed', 'blocked', 'failed'));
ALTER TABLE transfers ADD CONSTRAINT transfers_external_account_with_bank
  CHECK ((to_bank IS NULL) = (external_account IS NULL));

-- migrate:down

ALTER TABLE transfers DROP CONSTRAINT transfers_external_account_with_bank;
ALTER TABLE transfers DROP CONSTRAINT transfers_status_check;
ALTER TABLE transfers ADD CONSTRAINT transfers_status_check
  CHECK (status IN ('requires_otp', 'completed', 'blocked', 'failed'));
ALTER TABLE transfers DROP COLUMN bank_reference;
ALTER TABLE transfers DROP COLUMN external_account;
ALTER TABLE transfers DROP COLUMN to_bank;
