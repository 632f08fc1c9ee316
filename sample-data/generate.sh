#!/bin/sh
# Regenerates every file of sample-data/ (byte-identical on every machine; see README.md).
set -eu
cd "$(dirname "$0")/.."
dotnet run --project tools/Gis.SampleData -- sample sample-data
