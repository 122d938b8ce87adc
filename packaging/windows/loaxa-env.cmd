@echo off
rem Settings of this station PC, read by loaxa.cmd at every start (restart the task after a change:
rem schtasks /end /tn "Loa Xa" then schtasks /run /tn "Loa Xa", or log off and on).
rem install.cmd copies this file once and never overwrites it.

rem Extra JVM options after loaxa.jvmopts (heap -Xmx256m there), e.g. a larger heap:
rem set "JAVA_OPTS=-Xmx512m"
rem Java to use when JAVA_HOME and the PATH do not point at Java 21+:
rem set "JAVA_HOME=C:\Program Files\Eclipse Adoptium\jdk-21.0.5.11-hotspot"
rem Any setting of the README's Configuration table, e.g. the sound card and the port:
rem set "LOAXA_AUDIO_DEVICE=Speakers (Realtek High Definition Audio)"
rem set "SERVER_PORT=8080"
