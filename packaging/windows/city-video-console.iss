; Inno Setup 6 script of the Windows terminal installer. Built ON WINDOWS after the
; PyInstaller folder (packaging/windows/terminal.spec -> build\windows\city-video-console):
;
;   iscc /DAppVersion=0.2.0 packaging\windows\city-video-console.iss
;
; -> build\windows\city-video-console-0.2.0-setup.exe: installs offline (everything is in
; the setup program) into Program Files, with a Start-menu entry and an optional desktop
; icon; uninstalls cleanly (the per-user enrolment in %LOCALAPPDATA% stays unless removed).
; After installing: city-video-console-cli.exe enroll https://CENTRE:PORT CODE (as the user
; who will run the console).

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=X.Y.Z
#endif

[Setup]
AppId={{6F0E8E4B-2C7A-4C7F-9A55-1B8E6D0C3F21}
AppName=视频共享调阅终端
AppVerName=视频共享调阅终端 {#AppVersion}
AppVersion={#AppVersion}
AppPublisher=City video-sharing platform
DefaultDirName={autopf}\CityVideoConsole
DefaultGroupName=视频共享调阅终端
DisableProgramGroupPage=yes
OutputDir=..\..\build\windows
OutputBaseFilename=city-video-console-{#AppVersion}-setup
Compression=lzma2
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
PrivilegesRequired=admin
; Windows 10 2004 (build 19041) is where WDA_EXCLUDEFROMCAPTURE exists; older builds fall
; back to WDA_MONITOR (the console reports the level it got)
MinVersion=10.0.17763
UninstallDisplayIcon={app}\city-video-console.exe
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"
; Simplified Chinese wizard texts: add ChineseSimplified.isl (Inno Setup's translations) to
; the compiler's Languages folder and uncomment
; Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\..\build\windows\city-video-console\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\视频共享调阅终端"; Filename: "{app}\city-video-console.exe"
Name: "{group}\{cm:UninstallProgram,视频共享调阅终端}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\视频共享调阅终端"; Filename: "{app}\city-video-console.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\city-video-console.exe"; Description: "{cm:LaunchProgram,视频共享调阅终端}"; Flags: nowait postinstall skipifsilent
