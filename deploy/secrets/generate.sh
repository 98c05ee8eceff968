#!/usr/bin/env bash
# Creates the secrets docker-compose.yml mounts: one random password per database role, an Ed25519
# signing key (PEM, private and public key, as the ingest API's key directory expects) and the master key
# ring that wraps the data keys (ADR 33: a line "<id> <base64 of 32 bytes>"; losing it loses all sealed content). Never committed:
# this directory's .gitignore keeps everything but this script out of the repository. Existing files
# are kept, so running it again never changes a password a database already uses.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
# Compose mounts secret files as they are; the services run as uid 10001, so the files are readable
# (0644) and the directory is not (0700): only root and this directory's owner get at them on the host.
chmod 700 .
umask 022

for name in postgres owner_db ingest_db projector_db query_db auditor_db admin_db; do
  file="${name}_password"
  if [ ! -s "$file" ]; then
    openssl rand -base64 33 | tr -d '/+=\n' > "$file"
    echo "created $file"
  fi
done

if [ ! -s signing-key.pem ]; then
  openssl genpkey -algorithm ed25519 -out signing-key.pem
  openssl pkey -in signing-key.pem -pubout >> signing-key.pem
  chmod 644 signing-key.pem # openssl makes private keys 0600 whatever the umask
  echo "created signing-key.pem"
fi

if [ ! -s master-keys ]; then
  printf 'mk-%s %s\n' "$(openssl rand -hex 6)" "$(openssl rand -base64 32)" > master-keys
  echo "created master-keys"
fi
