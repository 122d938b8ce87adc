@echo off
rem Installs (or upgrades) Loa Xa on a Windows station PC into C:\LoaXa and registers the
rem "Loa Xa" task that starts it when this user logs on. Run it as the station's own user
rem (the one the PC logs on automatically), from an administrator prompt on that account:
rem     install.cmd [path\to\station-folder ^| path\to\loaxa.jar]
rem Without one it takes ..\..\target\station (mvnw.cmd -DskipTests package: the extracted jar
rem and, built on JDK 25, its AOT cache), then a loaxa-*.jar beside this file.
rem Data, audio, logs and loaxa-env.cmd in C:\LoaXa are kept.
setlocal EnableExtensions
set "SRC=%~dp0"
set "DEST=C:\LoaXa"
set "JAR=%~1"
if "%JAR%"=="" if exist "%SRC%..\..\target\station\app\loaxa.jar" for %%F in ("%SRC%..\..\target\station") do set "JAR=%%~fF"
if "%JAR%"=="" for %%F in ("%SRC%loaxa-*.jar") do set "JAR=%%~fF"
if "%JAR%"=="" (
    echo Khong tim thay target\station hay loaxa-*.jar. Build: mvnw.cmd -DskipTests package, or: install.cmd path\to\loaxa.jar
    exit /b 1
)
if not exist "%JAR%" (
    echo Khong co %JAR% / not found
    exit /b 1
)
set "STATION="
if exist "%JAR%\app\loaxa.jar" set "STATION=%JAR%"

echo Cai dat Loa Xa vao %DEST% tu %JAR%
if not exist "%DEST%" mkdir "%DEST%" || exit /b 1
for %%D in (data audio logs schedules) do if not exist "%DEST%\%%D" mkdir "%DEST%\%%D"
rem The station may be running (an upgrade): stop it so the jar can be replaced.
schtasks /query /tn "Loa Xa" >nul 2>&1 && schtasks /end /tn "Loa Xa" >nul 2>&1
rem The application: app\loaxa.jar (and app\lib from a station folder), copied with the files'
rem times, which the AOT cache checks.
if exist "%DEST%\app" rmdir /s /q "%DEST%\app"
if exist "%DEST%\loaxa.jar" del /q "%DEST%\loaxa.jar"
if defined STATION (
    robocopy "%STATION%\app" "%DEST%\app" /E /COPY:DAT /NFL /NDL /NJH /NJS /NP >nul
    if errorlevel 8 exit /b 1
    copy /y "%STATION%\loaxa.jvmopts" "%DEST%\loaxa.jvmopts" >nul
    if exist "%STATION%\loaxa-aot.jvmopts" copy /y "%STATION%\loaxa-aot.jvmopts" "%DEST%\loaxa-aot.jvmopts" >nul
) else (
    mkdir "%DEST%\app"
    copy /y "%JAR%" "%DEST%\app\loaxa.jar" >nul || exit /b 1
)
copy /y "%SRC%loaxa.cmd" "%DEST%\loaxa.cmd" >nul || exit /b 1
copy /y "%SRC%loaxa-task.xml" "%DEST%\loaxa-task.xml" >nul || exit /b 1
if not defined STATION if exist "%SRC%..\loaxa.jvmopts" copy /y "%SRC%..\loaxa.jvmopts" "%DEST%\loaxa.jvmopts" >nul
if not exist "%DEST%\loaxa-env.cmd" copy "%SRC%loaxa-env.cmd" "%DEST%\loaxa-env.cmd" >nul
if exist "%SRC%..\..\schedules" xcopy /e /i /y /q "%SRC%..\..\schedules" "%DEST%\schedules" >nul
if exist "%SRC%..\..\audio\samples" xcopy /e /i /y /q "%SRC%..\..\audio\samples" "%DEST%\audio\samples" >nul
rem The database, the admin password and the TLS key: this user, SYSTEM and administrators only.
icacls "%DEST%\data" /inheritance:r /grant:r "%USERNAME%:(OI)(CI)F" "SYSTEM:(OI)(CI)F" "*S-1-5-32-544:(OI)(CI)F" >nul

schtasks /create /tn "Loa Xa" /xml "%DEST%\loaxa-task.xml" /f || exit /b 1
schtasks /run /tn "Loa Xa" || exit /b 1
echo.
echo Xong. Loa Xa chay moi khi %USERNAME% dang nhap. Trang quan tri: http://localhost:8080
echo Lan dau: mat khau admin o %DEST%\data\initial-admin-password.txt
echo Nhat ky: %DEST%\logs\loaxa.log
