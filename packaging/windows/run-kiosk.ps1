<#
.SYNOPSIS
  Keep the Testament Kiosk running: start it, and start it again 2 seconds after it exits, for ever.
  Started at the kiosk user's logon by the "Testament Kiosk" scheduled task (install-kiosk.ps1).
#>
param([string]$InstallRoot = "$env:ProgramFiles\Testament Kiosk")
$exe = Join-Path $InstallRoot "current\testament-kiosk.exe"
$log = Join-Path $env:LOCALAPPDATA "testament-kiosk\Logs\restarts.log"
New-Item -ItemType Directory -Force -Path (Split-Path $log) | Out-Null
while ($true) {
    $started = Get-Date
    $process = Start-Process -FilePath $exe -PassThru -Wait
    $line = "{0:s} testament-kiosk exited with {1} after {2:n0} s; restarting in 2 s" -f (Get-Date), $process.ExitCode, ((Get-Date) - $started).TotalSeconds
    Add-Content -Path $log -Value $line
    Start-Sleep -Seconds 2
}
