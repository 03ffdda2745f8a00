#!/usr/bin/env bash
# An operator's runbook with the `molam` CLI: onboard a merchant, give it a key, rotate and revoke keys.
#
#   MOLAM_BASE_URL=http://127.0.0.1:8080 MOLAM_API_KEY=<admin key> bash examples/operator-runbook.sh
#
# Every command takes --json, so each step's output feeds the next with jq-free `node -p`.
set -euo pipefail

molam=${MOLAM:-molam}
field() { node -p "JSON.parse(require('fs').readFileSync(0, 'utf8'))$1"; }

echo "1. Is the server healthy?"
$molam health

echo "2. Onboard a merchant (idempotent: a retry of this step creates nothing new)"
merchant_id=$($molam merchants create --name "Lusaka Grocers" --country ZM --currency ZMW \
  --email ops@lusakagrocers.example --idempotency-key "onboard-lusaka-grocers" --json | field .id)
echo "   merchant $merchant_id"

echo "3. Give it a least-privilege key for its checkout backend"
key_json=$($molam merchants keys create "$merchant_id" --name "checkout backend" \
  --scope payments:read --scope payments:write --json)
key_id=$(echo "$key_json" | field .id)
echo "   key $key_id ($(echo "$key_json" | field .prefix)…); hand the secret to the merchant over a secure channel"

echo "4. List the merchant's keys"
$molam merchants keys list "$merchant_id"

echo "5. Suspend and reactivate the merchant (its keys stop and start working)"
$molam merchants update "$merchant_id" --status suspended --json | field .status
$molam merchants update "$merchant_id" --status active --json | field .status

echo "6. Rotate one of our own admin keys with a one-hour grace period, then revoke the old one"
spare_id=$($molam keys create --name "runbook spare" --json | field .id)
rotated_id=$($molam keys rotate "$spare_id" --grace-period 3600 --yes --json | field .id)
$molam keys revoke "$spare_id" --yes --json | field .status
$molam keys revoke "$rotated_id" --yes --json | field .status

echo "Runbook done."
