@echo off
rem Loa Xa station: runs app\loaxa.jar from this folder, restarting it if it stops with an error.
rem Started by the "Loa Xa" task at the station user's log-on (install.cmd); can also be run by hand.
rem Settings of this PC go in loaxa-env.cmd beside it (install.cmd makes one and never overwrites it).
setlocal EnableExtensions
set "LOAXA_HOME=%~dp0"
if "%LOAXA_HOME:~-1%"=="\" set "LOAXA_HOME=%LOAXA_HOME:~0,-1%"
title Loa Xa - dai truyen thanh (khong dong cua so nay)
cd /d "%LOAXA_HOME%"

rem Folders beside the jar unless loaxa-env.cmd or the environment says otherwise.
if not defined LOAXA_STATION_DATA_DIR set "LOAXA_STATION_DATA_DIR=%LOAXA_HOME%\data"
if not defined LOAXA_LIBRARY_AUDIO_DIR set "LOAXA_LIBRARY_AUDIO_DIR=%LOAXA_HOME%\audio"
if not defined LOAXA_LOGGING_DIR set "LOAXA_LOGGING_DIR=%LOAXA_HOME%\logs"
if not defined LOAXA_SCHEDULES_DIR set "LOAXA_SCHEDULES_DIR=%LOAXA_HOME%\schedules"
if not defined LOAXA_SCHEDULES_AUDIO_DIR set "LOAXA_SCHEDULES_AUDIO_DIR=%LOAXA_HOME%\audio\samples"
if exist "%LOAXA_HOME%\loaxa-env.cmd" call "%LOAXA_HOME%\loaxa-env.cmd"
rem The application's log is the rolling loaxa.log in the logs folder; the console would only
rem duplicate it into loaxa-console.log, which is never rotated: that keeps what Java prints
rem before logging starts (a wrong Java version, a crash).
if not defined LOGGING_THRESHOLD_CONSOLE set "LOGGING_THRESHOLD_CONSOLE=OFF"
if not exist "%LOAXA_LOGGING_DIR%" mkdir "%LOAXA_LOGGING_DIR%"
set "CONSOLE_LOG=%LOAXA_LOGGING_DIR%\loaxa-console.log"

rem Java 21 or newer: JAVA_HOME first, then the PATH.
set "JAVA_EXE="
if defined JAVA_HOME if exist "%JAVA_HOME%\bin\java.exe" set "JAVA_EXE=%JAVA_HOME%\bin\java.exe"
if not defined JAVA_EXE for %%J in (java.exe) do set "JAVA_EXE=%%~$PATH:J"
if not defined JAVA_EXE (
    echo %DATE% %TIME% Khong tim thay Java 21+ ^(JAVA_HOME, PATH^) / no Java 21+ found>> "%CONSOLE_LOG%"
    echo Khong tim thay Java 21 tro len. Cai Java 21+ ^(vd. Temurin 21^) roi chay lai. / No Java 21+ found.
    exit /b 1
)
rem The JVM options (heap, GC) are in loaxa.jvmopts; JAVA_OPTS adds to them.
if not exist "%LOAXA_HOME%\loaxa.jvmopts" (
    echo # JVM options of the station>"%LOAXA_HOME%\loaxa.jvmopts"
    echo -Xmx512m>>"%LOAXA_HOME%\loaxa.jvmopts"
    echo --enable-native-access=ALL-UNNAMED>>"%LOAXA_HOME%\loaxa.jvmopts"
)
rem The AOT cache (decision 0025): only Java 25 and newer know the option (Java 21 would not
rem start with it), and only when the build made one; otherwise the station starts without it.
set "AOT_OPTS="
set "JAVA_SPEC=0"
if exist "%LOAXA_HOME%\app\loaxa.aot" if exist "%LOAXA_HOME%\loaxa-aot.jvmopts" (
    for /f "tokens=2 delims==" %%V in ('""%JAVA_EXE%" -XshowSettings:properties -version 2^>^&1 ^| findstr java.specification.version"') do set "JAVA_SPEC=%%V"
)
set /a JAVA_MAJOR=%JAVA_SPEC% 2>nul
if %JAVA_MAJOR% GEQ 25 set "AOT_OPTS=@loaxa-aot.jvmopts"

:run
rem Run from this folder (cd above): the jar and the AOT cache are named relative to it, as when
rem the cache was made.
echo %DATE% %TIME% starting: "%JAVA_EXE%" @loaxa.jvmopts %AOT_OPTS% %JAVA_OPTS% -jar app\loaxa.jar>> "%CONSOLE_LOG%"
"%JAVA_EXE%" "@%LOAXA_HOME%\loaxa.jvmopts" %AOT_OPTS% %JAVA_OPTS% -jar app\loaxa.jar >> "%CONSOLE_LOG%" 2>&1
set "EXIT_CODE=%ERRORLEVEL%"
echo %DATE% %TIME% stopped with exit code %EXIT_CODE%>> "%CONSOLE_LOG%"
rem 0: stopped on purpose (Windows shutting down, a technician). Anything else: start again.
if "%EXIT_CODE%"=="0" exit /b 0
timeout /t 10 /nobreak >nul
goto run
