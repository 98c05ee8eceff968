#!/usr/bin/env python3
"""Writes secrets.tsv: synthetic secrets with realistic shapes (random, seeded, never real ones) in the
contexts coding sessions carry them (transcripts, .env lines, logs, JSON, code), and near-misses that a
detector must leave alone. One sample a line: `<rule id>\t<text>` with the secret between ⟦ and ⟧, or
`none\t<text>`; ⏎ stands for a newline. Run: python3 generate.py > secrets.tsv"""
import base64, json, random, string, zlib

r = random.Random(31)
B62 = string.digits + string.ascii_uppercase + string.ascii_lowercase
def rnd(n, alphabet=string.ascii_letters + string.digits): return ''.join(r.choice(alphabet) for _ in range(n))
def b64(nbytes): return base64.b64encode(bytes(r.getrandbits(8) for _ in range(nbytes))).decode()
def b64url(data): return base64.urlsafe_b64encode(data).decode().rstrip('=')
def ctxs():
    body = rnd(40, B62); v = zlib.crc32(body.encode()); out = ''
    for _ in range(6): out = B62[v % 62] + out; v //= 62
    return 'ctxs_' + body + out
def pem(kind='PRIVATE KEY', lines=12, sep='⏎'):
    body = sep.join(b64(48) for _ in range(lines))
    return f'-----BEGIN {kind}-----{sep}{body}{sep}-----END {kind}-----'
def jwt(alg='RS256'):
    h = b64url(json.dumps({'alg': alg, 'typ': 'JWT'}).encode()); p = b64url(json.dumps({'sub': rnd(8), 'iat': r.randint(1.6e9, 1.8e9), 'scope': 'repo'}).encode())
    return f'{h}.{p}.{b64url(bytes(r.getrandbits(8) for _ in range(64)))}'

out = []
def pos(rule, *templates, gen):
    for t in templates:
        out.append(f'{rule}\t' + t.replace('{S}', '⟦' + gen() + '⟧'))
def neg(*texts):
    for t in texts: out.append('none\t' + t)

U = string.ascii_uppercase + '234567'
pos('aws-access-key-id', 'export AWS_ACCESS_KEY_ID={S}', 'aws_access_key_id = {S}', '"AccessKeyId": "{S}",',
    'An error occurred (InvalidClientTokenId) for key {S} when calling GetCallerIdentity', 'user pasted: my key is {S} can you check',
    'AWS_ACCESS_KEY_ID={S} aws s3 ls', '[default]⏎aws_access_key_id={S}', 'sts assumed role, temporary key {S}',
    '{"Credentials": {"AccessKeyId": "{S}"}}', 'boto3.client("s3", aws_access_key_id="{S}")',
    gen=lambda: r.choice(['AKIA', 'ASIA']) + rnd(16, U))
pos('aws-secret-access-key', 'aws_secret_access_key = {S}', 'export AWS_SECRET_ACCESS_KEY={S}', 'AWS_SECRET_ACCESS_KEY: "{S}"',
    '"aws_secret_access_key": "{S}"', '[default]⏎aws_secret_access_key={S}', 'env: aws_secret_key={S}',
    'aws_secret_access_key={S} terraform apply', "AWSSecretKey='{S}'", 'AWS_SECRET_KEY: {S}', '  aws_secret_access_key: {S}⏎  region: eu-west-1',
    gen=lambda: rnd(40, string.ascii_letters + string.digits + '/+'))
gcp_key = lambda: json.dumps(pem(lines=20, sep='\n') + '\n')[1:-1]
pos('gcp-service-account-key', '{"type": "service_account", "project_id": "ctx-prod", "private_key_id": "' + rnd(40, '0123456789abcdef') + '", "private_key": "{S}", "client_email": "ci@ctx-prod.iam.gserviceaccount.com"}',
    'cat sa.json⏎{⏎  "type": "service_account",⏎  "private_key": "{S}",⏎  "client_id": "1234"⏎}',
    '"private_key":"{S}"', 'GOOGLE_CREDENTIALS=\'{"private_key": "{S}", "type": "service_account"}\'',
    'credentials dump: {"private_key" : "{S}"}', '{"private_key": "{S}", "token_uri": "https://oauth2.googleapis.com/token"}',
    'Read tool output: "private_key": "{S}",', 'kubectl get secret gcp -o json → "private_key": "{S}"',
    gen=gcp_key)
def azure(): return b64(64)
pos('azure-storage-key', 'DefaultEndpointsProtocol=https;AccountName=ctxprod;AccountKey={S};EndpointSuffix=core.windows.net',
    'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=logs;AccountKey={S}"', 'AccountKey={S}',
    'Endpoint=sb://ctx.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={S}',
    'storage key: AccountKey = {S}', '"connectionString": "AccountName=x;AccountKey={S};"',
    'az storage account keys list → AccountKey={S}', 'Endpoint=sb://bus.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={S};EntityPath=q',
    gen=lambda: r.choice([b64(64), b64(32)]))
pos('github-token', 'git clone https://x-access-token:{S}@github.com/acme/app.git', 'GITHUB_TOKEN={S}', 'gh auth login --with-token <<< {S}',
    'Authorization: token {S}', '"token": "{S}"', 'export GH_TOKEN={S}', 'remote: Invalid username or token {S}',
    'use this PAT {S} for the runner', '//npm.pkg.github.com/:_authToken={S}', 'token {S} expired yesterday',
    gen=lambda: r.choice(['ghp_', 'gho_', 'ghu_', 'ghs_', 'ghr_']) + rnd(36))
pos('github-token', 'GITHUB_PAT={S}', 'fine-grained token {S}', gen=lambda: 'github_pat_' + rnd(22) + '_' + rnd(59))
pos('gitlab-token', 'GITLAB_TOKEN={S}', 'git push https://oauth2:{S}@gitlab.com/acme/app.git', 'PRIVATE-TOKEN: {S}',
    'curl --header "PRIVATE-TOKEN: {S}" https://gitlab.example.com/api/v4/projects', 'token = "{S}"', 'glab auth login --token {S}',
    'the CI variable is {S}', 'export CI_JOB_TOKEN_OVERRIDE={S}', gen=lambda: 'glpat-' + rnd(20, string.ascii_letters + string.digits + '_-'))
pos('slack-token', 'SLACK_BOT_TOKEN={S}', 'slack = WebClient(token="{S}")', 'Authorization: Bearer {S}', 'xoxp user token: {S}',
    '"bot_token": "{S}"', 'export SLACK_TOKEN={S}', 'invalid_auth for {S}', 'slack token {S} rotated',
    gen=lambda: f"{r.choice(['xoxb', 'xoxp', 'xoxa', 'xoxr'])}-{rnd(12, string.digits)}-{rnd(13, string.digits)}-{rnd(24)}")
pos('slack-webhook', 'SLACK_WEBHOOK_URL={S}', 'curl -X POST -d \'{"text":"deploy done"}\' {S}', 'webhook: "{S}"',
    'alerts go to {S}', '"url": "{S}"', 'notify({S})', 'POST {S} 200 OK', 'slack_webhook = "{S}"',
    gen=lambda: f'https://hooks.slack.com/services/T{rnd(9, string.ascii_uppercase + string.digits)}/B{rnd(10, string.ascii_uppercase + string.digits)}/{rnd(24)}')
pos('stripe-key', 'STRIPE_SECRET_KEY={S}', 'stripe.api_key = "{S}"', 'curl https://api.stripe.com/v1/charges -u {S}:',
    'Stripe::StripeClient.new("{S}")', '"stripe_key": "{S}"', 'restricted key {S} for the exporter', 'export STRIPE_API_KEY={S}',
    'No such customer; request made with {S}', gen=lambda: r.choice(['sk_live_', 'rk_live_']) + rnd(24 if r.random() < .5 else 99))
pos('npm-token', '//registry.npmjs.org/:_authToken={S}', 'NPM_TOKEN={S}', 'npm token create → {S}', '"npmToken": "{S}"',
    'echo "//registry.npmjs.org/:_authToken={S}" > ~/.npmrc', 'publish token {S}', 'export NODE_AUTH_TOKEN={S}', 'npm ERR! 401 with {S}',
    gen=lambda: 'npm_' + rnd(36))
pos('pypi-token', 'TWINE_PASSWORD={S}', '[pypi]⏎  username = __token__⏎  password = {S}', 'twine upload -u __token__ -p {S} dist/*',
    'UV_PUBLISH_TOKEN={S}', 'poetry config pypi-token.pypi {S}', '"pypi_token": "{S}"', 'the upload token is {S}', 'password: {S}',
    gen=lambda: 'pypi-AgEIcHlwaS5vcmc' + rnd(r.randint(60, 160), string.ascii_letters + string.digits + '_-'))
pos('private-key-block', '{S}', 'cat ~/.ssh/id_ed25519⏎{S}', 'server.key:⏎{S}⏎', 'key = """{S}"""', 'TLS_KEY="{S}"',
    'Here is the key I use:⏎⏎{S}⏎⏎why does ssh refuse it?', gen=lambda: pem(r.choice(['PRIVATE KEY', 'RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY', 'ENCRYPTED PRIVATE KEY'])))
pos('private-key-block', '"ssh_key": "{S}"', '{"tls": {"key": "{S}"}}', gen=lambda: pem('RSA PRIVATE KEY', 10, '\\n'))
pos('private-key-block', 'output was cut:⏎{S}', gen=lambda: '-----BEGIN RSA PRIVATE KEY-----⏎' + '⏎'.join(b64(48) for _ in range(6)))
pos('jwt', 'Authorization: Bearer {S}', '"access_token": "{S}"', 'id_token={S}', 'curl -H "Authorization: Bearer {S}" http://localhost:8081/api/v1/context/pull',
    'decoded the token {S} and exp is past', 'Set-Cookie: session={S}; HttpOnly', 'export CTX_TOKEN={S}', 'jwt.io says {S} has a bad signature',
    gen=lambda: jwt(r.choice(['RS256', 'ES256', 'EdDSA', 'HS256'])))
pos('contextstore-license-key', 'ctx login --server https://ctx.acme.dev --key {S}', 'CTX_LICENSE_KEY={S}', 'my license key is {S}',
    '"license_key": "{S}"', 'admin issue-key printed {S} (shown once)', 'curl -d \'{"license_key":"{S}"}\' http://localhost:8080/api/v1/auth/license/',
    'key={S}', 'login failed for {S}', gen=ctxs)
pos('database-url-password', 'DATABASE_URL=postgres://app:{S}@db.internal:5432/ctx', 'psql postgresql://ctx_owner:{S}@localhost/ctx',
    'mongodb+srv://admin:{S}@cluster0.abcd.mongodb.net/test', 'REDIS_URL=redis://default:{S}@redis:6379/0',
    'FATAL: password authentication failed for mysql://root:{S}@10.0.0.5:3306/app', 'amqp://guest:{S}@rabbit:5672/',
    'spring.datasource.url=jdbc:postgresql://db:5432/ctx?user=cs_ingest&password={S}', 'jdbc:sqlserver://sql:1433;databaseName=app;user=sa;password={S};encrypt=true',
    'url: "jdbc:mysql://db/app?useSSL=true&password={S}"', 'postgres://reporting:{S}@replica.internal/ctx?sslmode=require',
    gen=lambda: rnd(r.randint(12, 24), string.ascii_letters + string.digits + '!*-_'))
pos('secret-assignment', 'DB_PASSWORD={S}', 'password: {S}', '"client_secret": "{S}"', 'API_KEY={S}', "api_key: '{S}'",
    'SECRET_KEY={S}', 'export SESSION_SECRET={S}', 'KAFKA_SASL_PASSWORD={S}', 'auth_token = "{S}"', 'secret={S}',
    'spring.datasource.password={S}', '--set auth.password={S}', '"apiKey": "{S}"', 'ACCESS_KEY: {S}', 'passwd={S}',
    'webhook_secret => "{S}"', 'refresh_token={S}', 'ENCRYPTION_KEY_SECRET={S}', 'sentry dsn token: {S}', 'app.password := "{S}"',
    gen=lambda: rnd(r.randint(14, 40), string.ascii_letters + string.digits + '+/=!@#%^*-_'))
pos('secret-assignment', 'password={S}', 'PASSWORD: {S}', gen=lambda: r.choice(['Summer2024!x', 'Tr0ub4dor&3q', 'correct-Horse7-battery']))
pos('private', 'my address is <private>{S}</private>, ship it there', '<private>{S}</private>', 'note <private>{S}',
    'the customer <private>{S}</private> reported it', 'call <PRIVATE>{S}</PRIVATE> back', '<private>⏎{S}⏎</private>', gen=lambda: ' '.join(rnd(r.randint(4, 9), string.ascii_lowercase) for _ in range(r.randint(2, 5))))

neg('AKIAIOSFODNN7EXAMPLE is the key id in the AWS docs', 'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'export AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}', 'aws_secret_access_key = <your secret key>', 'AKIA is the prefix of long-term access keys, ASIA of temporary ones',
    'the ASIANAVIGATION table', 'AKIA1234', 'aws_secret_access_key=', 'region: ap-southeast-1 (ASIA Pacific)',
    '"type": "service_account", "client_email": "ci@ctx-prod.iam.gserviceaccount.com"', '"private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n"',
    '"private_key_id": "' + rnd(40, '0123456789abcdef') + '"', '"private_key": ""', 'private_key = load_key(path)',
    'AccountKey=<storage-account-key>', 'AccountKey=${AZURE_STORAGE_KEY}', 'UseDevelopmentStorage=true', 'DefaultEndpointsProtocol=https;AccountName=ctxprod;EndpointSuffix=core.windows.net',
    'SharedAccessKeyName=RootManageSharedAccessKey', 'AccountKey=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx==',
    'ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'GITHUB_TOKEN=${{ secrets.GITHUB_TOKEN }}', 'tokens start with ghp_ for classic PATs', 'ghp_short123',
    'github_pat_ prefixed tokens are fine-grained', 'the ghs_ token of the app installation expires in an hour', 'sha: ' + rnd(40, '0123456789abcdef'),
    'glpat-xxxxxxxxxxxxxxxxxxxx', 'GITLAB_TOKEN=$CI_JOB_TOKEN', 'glpat- tokens are personal access tokens', 'glpat-short',
    'xoxb-your-bot-token', 'SLACK_BOT_TOKEN=xoxb-...', 'https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX',
    'https://hooks.slack.com/services/...', 'https://api.slack.com/apps', 'xoxp-is the user token prefix',
    'sk_test_' + rnd(24), 'pk_live_' + rnd(24), 'STRIPE_SECRET_KEY=sk_live_...', 'sk_live_XXXXXXXXXXXXXXXXXXXXXXXX', 'risk_live_events table',
    'npm_config_cache=/tmp/npm', 'npm_package_version=1.2.3', 'npm_lifecycle_event=test', '//registry.npmjs.org/:_authToken=${NPM_TOKEN}', 'npm_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX',
    'pypi-AgE is the prefix of PyPI API tokens', 'TWINE_PASSWORD=${{ secrets.PYPI_TOKEN }}', 'pip install pypi-simple', 'pypi-AgEIcHlwaS5vcmc...',
    pem('PUBLIC KEY'), pem('CERTIFICATE'), '-----BEGIN RSA PRIVATE KEY-----⏎...⏎-----END RSA PRIVATE KEY-----', 'ssh-keygen writes -----BEGIN OPENSSH PRIVATE KEY----- files',
    '-----BEGIN PRIVATE KEY-----⏎<your key here>⏎-----END PRIVATE KEY-----', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI' + rnd(43) + ' alice@laptop',
    'eyJhbGciOiJIUzI1NiJ9 is just a header', 'eyJ' + rnd(30) + '.' + rnd(30) + '.' + rnd(30), 'a.b.c', 'com.example.app.ServiceConfiguration.java',
    'eyJub3QiOiJhIGhlYWRlciJ9.' + b64url(b'{"sub":"x"}') + '.' + rnd(40), 'version 1.2.3-eyJ.x',
    'ctxs_secret', 'ctxs_' + rnd(46, B62), 'ctxs_' + rnd(46, B62) + ' (a typo)', 'license keys look like ctxs_ + 46 characters', 'CTX_LICENSE_KEY=$(cat ~/.ctx-key)',
    'postgres://localhost:5432/ctx', 'postgresql://ctx@localhost/ctx', 'DATABASE_URL=postgres://app:${DB_PASSWORD}@db/ctx', 'postgres://postgres:postgres@localhost:5432/dev',
    'jdbc:postgresql://db:5432/ctx?user=cs_ingest', 'jdbc:postgresql://db/ctx?password=', 'mongodb://user:<password>@host/db', 'https://docs.example.com:443/guide@v2',
    'redis://redis:6379/0', 'mysql://root:root@127.0.0.1/test', 'git@github.com:acme/app.git', 'ssh://git@github.com/acme/app.git',
    'password=changeme', 'token=${TOKEN}', 'password: process.env.DB_PASSWORD', 'secret = os.environ["SECRET"]', 'api_key: <your-api-key>',
    'PASSWORD=password', 'token: 12345678', 'max_tokens=4096', 'password_min_length=12', 'secretName: db-credentials',
    'token_type=Bearer', 'the password: was wrong three times', 'password = getpass.getpass()', 'token = request.headers.get("Authorization")',
    'secret: /run/secrets/db_password', 'TOKEN=GITHUB_TOKEN', 'password=hunter2', 'api_key=YOUR_API_KEY', 'secret: ****************',
    'password: ${{ secrets.DB_PASSWORD }}', 'access_key: {{ .Values.accessKey }}', 'CSRF token: missing', 'credentials: include',
    'password=[REDACTED:secret-assignment]', 'token=[REDACTED:github-token]', 'auth_token: none-required', 'secret_key_base: Rails.application.credentials.secret_key_base',
    'tokenizer=whitespace', 'passwordless: true', 'secret=my-secret-name', 'api_key: dummy-key-for-tests', 'password: incorrect_for_user',
    'credentials=aws.Credentials.from_env', 'assertThat(saved).extracting(Credentials::licenseKey).isEqualTo(key)',
    'let hashed = password::hash_with_salt(input, &salt);', 'token: "ghp_XXXX…"', 'secret=$(vault read -field=value secret/db)', 'password=%DB_PASSWORD%',
    '&lt;private&gt; is how the HTML escapes it', 'Use </private> to close a private span', 'privately, we decided',
    'GET /api/v1/context/pull?cursor=0 200', 'content_hash=' + rnd(64, '0123456789abcdef'), 'event_id=' + '-'.join(rnd(n, '0123456789abcdef') for n in (8, 4, 4, 4, 12)),
    'base64 image data: data:image/png;base64,' + b64(60), 'commit ' + rnd(40, '0123456789abcdef') + ' Merge branch', 'java.lang.IllegalStateException: token expired at io.contextstore.client.auth.Session.refresh(Session.java:88)')
print('# Generated by generate.py (seeded): synthetic secrets, never real ones. See its docstring for the format.')
print('\n'.join(out))
