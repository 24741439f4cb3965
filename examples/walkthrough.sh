#!/usr/bin/env bash
# The README's walkthrough as a script: tailor examples/resume.txt to examples/job.txt through
# the gateway with grpcurl (server reflection, no .proto files), then download PDF and DOCX.
# Needs `make run` going. Output files land in examples/out/.
set -euo pipefail
cd "$(dirname "$0")/.."
GW=${GATEWAY:-127.0.0.1:50051}
KEY=${API_KEY:-$(cat .run/dev-api-key)}
# `make run` serves TLS with a local CA; TLS_CA= (empty) talks plaintext to a stack without it.
CA=${TLS_CA-.run/pki/ca.pem}
if [ -n "$CA" ]; then TLS=(-cacert "$CA"); else TLS=(-plaintext); fi
G=(.venv/bin/grpcurl "${TLS[@]}" -H "authorization: Bearer $KEY")
PY=.venv/bin/python
mkdir -p examples/out

# grpcurl takes JSON; let Python do the JSON string escaping of the documents.
json() { $PY -c 'import json,sys; print(json.dumps(eval(sys.argv[1])))' "$1"; }
field() { $PY -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }

resume=$(json "{'displayName': 'example', 'text': open('examples/resume.txt').read()}" \
  | "${G[@]}" -d @ "$GW" resumeai.v1.ResumeBuilder/CreateResume | field id)
job=$(json "{'title': 'Staff Backend Engineer', 'text': open('examples/job.txt').read()}" \
  | "${G[@]}" -d @ "$GW" resumeai.v1.ResumeBuilder/CreateJobPosting | field id)
echo "resume $resume, job posting $job"

run=$("${G[@]}" -d "{\"requestId\": \"walkthrough-$(date +%s)\", \"resumeId\": \"$resume\", \"jobPostingId\": \"$job\"}" \
  "$GW" resumeai.v1.ResumeBuilder/StartTailoring | field id)
echo "run $run: watching..."
"${G[@]}" -d "{\"id\": \"$run\"}" "$GW" resumeai.v1.ResumeBuilder/WatchTailorRun > examples/out/watch.jsonl
"${G[@]}" -d "{\"id\": \"$run\"}" "$GW" resumeai.v1.ResumeBuilder/GetTailorRun > examples/out/run.json
$PY - <<'PY'
import json
run = json.load(open("examples/out/run.json"))
print("status:", run["status"])
result = run.get("result", {})
print("score before -> after:", run.get("score_before"), "->", run.get("score_after"))
for bullet in result.get("bullets", []):
    print(f"  {bullet['id']}: {bullet['text']}  [{', '.join(bullet['evidence_ids'])}]")
missing = [k["keyword"] for k in result.get("coverage_before", {}).get("keywords", []) if not k.get("found")]
print("missing keywords:", ", ".join(missing))
PY

for fmt in PDF DOCX; do
  art=$("${G[@]}" -d "{\"requestId\": \"walkthrough-$run-$fmt\", \"runId\": \"$run\", \"format\": \"EXPORT_FORMAT_$fmt\"}" \
    "$GW" resumeai.v1.ResumeBuilder/StartExport | field id)
  for _ in $(seq 1 60); do
    status=$("${G[@]}" -d "{\"id\": \"$art\"}" "$GW" resumeai.v1.ResumeBuilder/GetArtifact | field status)
    [ "$status" = "ARTIFACT_STATUS_SUCCEEDED" ] && break
    [ "$status" = "ARTIFACT_STATUS_FAILED" ] && { echo "export failed" >&2; exit 1; }
    sleep 0.5
  done
  out="examples/out/tailored-resume.$(echo $fmt | tr A-Z a-z)"
  "${G[@]}" -d "{\"id\": \"$art\"}" "$GW" resumeai.v1.ResumeBuilder/DownloadArtifact \
    | $PY -c 'import base64,json,sys
dec = json.JSONDecoder(); text = sys.stdin.read(); pos = 0; out = b""
while pos < len(text):
    while pos < len(text) and text[pos].isspace(): pos += 1
    if pos >= len(text): break
    obj, pos = dec.raw_decode(text, pos); out += base64.b64decode(obj.get("data", ""))
open(sys.argv[1], "wb").write(out)' "$out"
  echo "downloaded $out ($(stat -c %s "$out") bytes)"
done
