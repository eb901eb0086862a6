#!/usr/bin/env bash
# Records changes to the packaged libraries' public API (Microsoft.CodeAnalysis.PublicApiAnalyzers):
# a public symbol the build reports as new (RS0016) is appended to its project's PublicAPI.Unshipped.txt, and one it
# reports as gone (RS0017) leaves PublicAPI.Shipped.txt / PublicAPI.Unshipped.txt. Review the diff: it is the change
# to the surface. (The host project builds every packaged library.) At a release, move Unshipped's lines into Shipped.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(dotnet build src/IoActors.Host/IoActors.Host.csproj -c Release --no-incremental -p:WarningsNotAsErrors='RS0016%3BRS0017%3BRS0037' 2>&1 || true)
added=0; removed=0
while IFS=$'\t' read -r dir symbol; do
  [ -n "$dir" ] || continue
  echo "$symbol" >> "$dir/PublicAPI.Unshipped.txt"; added=$((added + 1))
done < <(sed -nE "s/.*warning RS0016: Symbol '(.*)' is not part of the declared public API.*\[(.*)\/[^/]*\.csproj\]$/\2\t\1/p" <<<"$out" | sort -u)
while IFS=$'\t' read -r dir symbol; do
  [ -n "$dir" ] || continue
  for f in "$dir/PublicAPI.Shipped.txt" "$dir/PublicAPI.Unshipped.txt"; do
    SYMBOL="$symbol" awk '$0 != ENVIRON["SYMBOL"]' "$f" > "$f.tmp" && mv "$f.tmp" "$f"
  done
  removed=$((removed + 1))
done < <(sed -nE "s/.*warning RS0017: Symbol '(.*)' is part of the declared API, but is either not public or could not be found.*\[(.*)\/[^/]*\.csproj\]$/\2\t\1/p" <<<"$out" | sort -u)
echo "public API: $added added to PublicAPI.Unshipped.txt, $removed removed"
if grep -qE ' error ' <<<"$out"; then grep -E ' error ' <<<"$out" | sort -u | head -20; exit 1; fi
