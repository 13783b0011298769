<#
.SYNOPSIS
  Install the Testament Kiosk on Windows 10/11: copy the build, start it at logon, restart it whenever it exits.

.DESCRIPTION
  Run from an elevated PowerShell, in the built folder's deploy\ directory (dist\testament-kiosk\deploy):

      powershell -ExecutionPolicy Bypass -File .\install-kiosk.ps1 [-KioskUser kiosk] [-InstallRoot "C:\Program Files\Testament Kiosk"]
      powershell -ExecutionPolicy Bypass -File .\install-kiosk.ps1 -Rollback

  1. Runs the new build's self-test (testament-kiosk-debug.exe --self-test, offscreen). Nothing changes if it fails.
  2. Copies the build to <InstallRoot>\releases\<version>-<date>, then points <InstallRoot>\current at it (a
     directory junction); the release that was current stays as <InstallRoot>\previous (-Rollback swaps them).
  3. Registers a scheduled task "Testament Kiosk" that runs at the kiosk user's logon: run-kiosk.ps1, a loop that
     starts testament-kiosk.exe again 2 seconds after it exits for any reason (a crash, the staff exit, a kill),
     with Task Scheduler's own restart-on-failure behind it should the loop itself die.
  4. Turns off the display timeout, sleep and the screen saver for the kiosk (powercfg / the user's registry).

  The build must be made ON Windows (PyInstaller does not cross-compile): see README.md in this folder.
  Logs: %LOCALAPPDATA%\testament-kiosk\Logs\kiosk.log of the kiosk user. Settings: kiosk.toml beside
  testament-kiosk.exe in <InstallRoot>\current, or %LOCALAPPDATA%\testament-kiosk\kiosk.toml.
#>
[CmdletBinding()]
param(
    [string]$KioskUser = "kiosk",
    [string]$InstallRoot = "$env:ProgramFiles\Testament Kiosk",
    [string]$Dist = (Split-Path -Parent $PSScriptRoot),
    [switch]$Rollback
)
$ErrorActionPreference = "Stop"
$TaskName = "Testament Kiosk"

function Say($text) { Write-Host "install: $text" }

function Set-Junction($link, $target) {
    if (Test-Path $link) { (Get-Item $link).Delete() }  # removes the junction only, never its target
    New-Item -ItemType Junction -Path $link -Target $target | Out-Null
}

if (-not ([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent()).IsInRole(
        [Security.Principal.WindowsBuiltInRole]::Administrator)) {
    throw "Run this from an elevated PowerShell (Run as administrator)."
}

if ($Rollback) {
    $current = Join-Path $InstallRoot "current"; $previous = Join-Path $InstallRoot "previous"
    if (-not (Test-Path $previous)) { throw "No previous release in $InstallRoot to roll back to." }
    $currentTarget = (Get-Item $current).Target; $previousTarget = (Get-Item $previous).Target
    Set-Junction $current $previousTarget
    Set-Junction $previous $currentTarget
    Say "current is now $previousTarget"
    Stop-Process -Name "testament-kiosk" -ErrorAction SilentlyContinue  # run-kiosk.ps1 starts the new one
    exit 0
}

$debugExe = Join-Path $Dist "testament-kiosk-debug.exe"
if (-not (Test-Path $debugExe)) { throw "$Dist is not a kiosk build (no testament-kiosk-debug.exe)." }
$version = ((& $debugExe --version) | Select-Object -First 1) -replace "^Testament Kiosk ", ""
Say "installing Testament Kiosk $version from $Dist"

Say "self-test of the new build (offscreen)"
$env:QT_QPA_PLATFORM = "offscreen"; $env:QT_QUICK_BACKEND = "software"
& $debugExe --self-test
$selfTest = $LASTEXITCODE
Remove-Item Env:QT_QPA_PLATFORM, Env:QT_QUICK_BACKEND
if ($selfTest -ne 0) { throw "The self-test failed: nothing was changed." }

$release = Join-Path $InstallRoot ("releases\{0}-{1}" -f $version, (Get-Date -Format "yyyyMMdd-HHmmss"))
New-Item -ItemType Directory -Force -Path $release | Out-Null
Copy-Item -Recurse -Force -Path (Join-Path $Dist "*") -Destination $release
$current = Join-Path $InstallRoot "current"; $previous = Join-Path $InstallRoot "previous"
if (Test-Path $current) { Set-Junction $previous (Get-Item $current).Target }
Set-Junction $current $release
Say "current -> $release"

# Keep the current and the previous release only.
$keep = @((Get-Item $current).Target) + @(if (Test-Path $previous) { (Get-Item $previous).Target })
Get-ChildItem (Join-Path $InstallRoot "releases") -Directory |
    Where-Object { $keep -notcontains $_.FullName } |
    ForEach-Object { Say "removing old release $($_.Name)"; Remove-Item -Recurse -Force $_.FullName }

# The loop wrapper lives outside the releases, so the task never points into a folder a rollback removes.
$runner = Join-Path $InstallRoot "run-kiosk.ps1"
Copy-Item -Force (Join-Path $PSScriptRoot "run-kiosk.ps1") $runner

# Start at the kiosk user's logon; restart the wrapper if it ever fails; never stop it for running long.
$action = New-ScheduledTaskAction -Execute "powershell.exe" `
    -Argument "-NoProfile -WindowStyle Hidden -ExecutionPolicy Bypass -File `"$runner`" -InstallRoot `"$InstallRoot`""
$trigger = New-ScheduledTaskTrigger -AtLogOn -User $KioskUser
$settings = New-ScheduledTaskSettingsSet -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries `
    -ExecutionTimeLimit ([TimeSpan]::Zero) -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
    -MultipleInstances IgnoreNew
$principal = New-ScheduledTaskPrincipal -UserId $KioskUser -LogonType Interactive -RunLevel Limited
Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $trigger -Settings $settings `
    -Principal $principal -Force | Out-Null
Say "scheduled task '$TaskName' starts the kiosk at $KioskUser's logon"

# Keep the screen on: no display timeout, no sleep (AC power), no screen saver.
powercfg /change monitor-timeout-ac 0
powercfg /change standby-timeout-ac 0
powercfg /change hibernate-timeout-ac 0
Say "display timeout and sleep are off on AC power; turn off the screen saver in $KioskUser's settings (see README)"

# Running now? Stop it: the wrapper starts the new release within 2 seconds.
Stop-Process -Name "testament-kiosk" -ErrorAction SilentlyContinue
Say "done: Testament Kiosk $version is current ($current)"
