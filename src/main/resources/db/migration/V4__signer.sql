-- The key that verified a membership's signature (its primary fingerprint), when one did.
ALTER TABLE memberships ADD COLUMN signer TEXT;
