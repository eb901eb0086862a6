#!/usr/bin/env pwsh
# Restore, build and test IoActors; throws on the first failure. For Windows users (CI uses .ci/run).
$ErrorActionPreference = 'Stop'
Set-Location $PSScriptRoot

function Invoke-Step([string]$Name, [scriptblock]$Step) {
    Write-Host "==> $Name"
    & $Step
    if ($LASTEXITCODE -ne 0) { throw "$Name failed with exit code $LASTEXITCODE" }
}

Invoke-Step 'restore' { dotnet restore IoActors.sln }
Invoke-Step 'build'   { dotnet build IoActors.sln --no-restore -c Release }
Invoke-Step 'test'    { dotnet test IoActors.sln --no-build -c Release }
