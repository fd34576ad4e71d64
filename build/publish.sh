#!/usr/bin/env bash
# Publishes the Host as the Unraid package ships it: self-contained linux-x64 (Unraid has no .NET), with one variant's
# switches, into a folder. build/package.sh packs what this writes; build/bench.sh measures it idle.
# Usage: build/publish.sh --output DIR [--variant trimmed|trimmed-compressed|trimmed-full|single|aot] [--version V]
#        build/publish.sh --check [--variant V]   (only checks the variant, for callers that fail early)
# docs/packaging.md explains the variants and why "trimmed" is the default.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
output=""
check=false
variant=trimmed
version=${UMA_VERSION:-$(date -u +%Y.%m.%d)}

while (($# > 0)); do
  case $1 in
    --output) output=${2:?--output needs a folder}; shift 2 ;;
    --variant) variant=${2:?--variant needs a value}; shift 2 ;;
    --version) version=${2:?--version needs a value}; shift 2 ;;
    --check) check=true; shift ;;
    *) echo "publish.sh: unknown argument '$1'" >&2; exit 2 ;;
  esac
done

# Trimming keeps reflection working: only framework assemblies are trimmed (TrimMode=partial) and System.Text.Json's
# reflection serializer stays on, because the DTOs, SignalR's JSON protocol and the options binder use reflection.
common=(-c Release -r linux-x64 --self-contained -p:DebugType=none -p:GenerateDocumentationFile=false
  "-p:InformationalVersion=$version")
trimmed=(-p:PublishSingleFile=true -p:PublishTrimmed=true -p:TrimMode=partial -p:JsonSerializerIsReflectionEnabledByDefault=true
  -p:SuppressTrimAnalysisWarnings=true -p:EnableConfigurationBindingGenerator=false)
case $variant in
  trimmed) publish=("${trimmed[@]}") ;;
  trimmed-compressed) publish=("${trimmed[@]}" -p:EnableCompressionInSingleFile=true) ;;
  trimmed-full) publish=("${trimmed[@]/TrimMode=partial/TrimMode=full}" -p:EnableCompressionInSingleFile=true) ;;
  single) publish=(-p:PublishSingleFile=true) ;;
  aot) publish=(-p:PublishAot=true -p:SuppressTrimAnalysisWarnings=true -p:NoWarn=IL3050%3BIL3053%3BIL3000%3BIL3002) ;;
  *) echo "publish.sh: unknown variant '$variant' (trimmed, trimmed-compressed, trimmed-full, single, aot)" >&2; exit 2 ;;
esac

$check && exit 0
[[ -n $output ]] || { echo "publish.sh: --output DIR is required" >&2; exit 2; }
dotnet publish "$root/Agent.Host" "${common[@]}" "${publish[@]}" -o "$output" -nologo -v quiet -clp:NoSummary -clp:ErrorsOnly
