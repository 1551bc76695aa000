; NK Desk — per-user 64-bit installer in Polish (no administrator rights needed).
;   makensis -DVERSION=0.1.0 -DSOURCE=<dist/NKDesk> -DOUTFILE=<setup.exe> nkdesk.nsi
; Silent: Setup.exe /S [/D=C:\Folder]; the uninstaller: Odinstaluj.exe /S keeps the data,
; Odinstaluj.exe /S /USUNDANE removes it too (for an administrator who means it).
Unicode true
Target amd64-unicode
ManifestDPIAware true
!ifdef FAST  ; check.sh's throw-away "older version": quick to pack
    SetCompressor zlib
!else
    SetCompressor /SOLID lzma
!endif

!include "MUI2.nsh"
!include "nsDialogs.nsh"
!include "LogicLib.nsh"
!include "FileFunc.nsh"

!define PRODUCT "NK Desk"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\NKDesk"
; The data folder the program uses (platformdirs: %LOCALAPPDATA%\NKDesk); never the program's.
!define DATA_DIR "$LOCALAPPDATA\NKDesk"

Name "${PRODUCT} ${VERSION}"
OutFile "${OUTFILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\NK Desk"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
BrandingText "${PRODUCT} ${VERSION}"
VIProductVersion "${VERSION}.0"
VIAddVersionKey /LANG=1045 "ProductName" "${PRODUCT}"
VIAddVersionKey /LANG=1045 "FileDescription" "Instalator programu ${PRODUCT}"
VIAddVersionKey /LANG=1045 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=1045 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=1045 "LegalCopyright" "${PRODUCT}"

!define MUI_ICON "${ICON}"
!define MUI_UNICON "${ICON}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "Program zostanie zainstalowany tylko dla Ciebie, bez uprawnień administratora.$\r$\n$\r$\nDane (zaszyfrowana baza) są w folderze ${DATA_DIR} i nie są zmieniane przy instalacji ani aktualizacji.$\r$\n$\r$\nKliknij Dalej, aby kontynuować."
!define MUI_FINISHPAGE_RUN "$INSTDIR\NKDesk.exe"
!define MUI_FINISHPAGE_RUN_TEXT "Uruchom ${PRODUCT}"

!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_COMPONENTS
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
UninstPage custom un.DataPage un.DataPageLeave
!insertmacro MUI_UNPAGE_INSTFILES

!insertmacro MUI_LANGUAGE "Polish"

Var RemoveData
Var RemoveDataBox

; A running NK Desk holds its files (and may hold unsaved work): updating or removing it
; then would leave a half-replaced program. Windows refuses to open a running .exe for
; writing, which is how this tells. Silent runs give up with exit code 2.
!macro RequireProgramClosed
    ${If} ${FileExists} "$INSTDIR\NKDesk.exe"
        program_running_check:
        ClearErrors
        FileOpen $0 "$INSTDIR\NKDesk.exe" a
        ${If} ${Errors}
            MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "NK Desk jest uruchomiony. Zapisz zmiany i zamknij program, a potem kliknij „Ponów”." /SD IDCANCEL IDRETRY program_running_check
            SetErrorLevel 2
            Quit
        ${EndIf}
        FileClose $0
    ${EndIf}
!macroend

Function .onInit
    !insertmacro RequireProgramClosed
FunctionEnd

Section "!${PRODUCT} (wymagany)" SecProgram
    SectionIn RO
    ; An upgrade replaces the program's files only; the data folder is elsewhere.
    RMDir /r "$INSTDIR\_internal"
    SetOutPath "$INSTDIR"
    File /r "${SOURCE}\*.*"
    WriteUninstaller "$INSTDIR\Odinstaluj.exe"
    CreateDirectory "$SMPROGRAMS\${PRODUCT}"
    CreateShortcut "$SMPROGRAMS\${PRODUCT}\${PRODUCT}.lnk" "$INSTDIR\NKDesk.exe"
    CreateShortcut "$SMPROGRAMS\${PRODUCT}\Odinstaluj ${PRODUCT}.lnk" "$INSTDIR\Odinstaluj.exe"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${PRODUCT}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PRODUCT}"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\NKDesk.exe"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
    WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\Odinstaluj.exe"'
    WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\Odinstaluj.exe" /S'
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
    ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
    WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
SectionEnd

Section /o "Skrót na pulpicie" SecDesktop
    CreateShortcut "$DESKTOP\${PRODUCT}.lnk" "$INSTDIR\NKDesk.exe"
SectionEnd

!insertmacro MUI_FUNCTION_DESCRIPTION_BEGIN
    !insertmacro MUI_DESCRIPTION_TEXT ${SecProgram} "Program i skrót w menu Start."
    !insertmacro MUI_DESCRIPTION_TEXT ${SecDesktop} "Ikona ${PRODUCT} na pulpicie."
!insertmacro MUI_FUNCTION_DESCRIPTION_END

Function un.onInit
    !insertmacro RequireProgramClosed
    ${un.GetParameters} $R0
    ClearErrors
    ${un.GetOptions} $R0 "/USUNDANE" $R1
    ${IfNot} ${Errors}
        StrCpy $RemoveData ${BST_CHECKED}
    ${EndIf}
FunctionEnd

Function un.DataPage
    !insertmacro MUI_HEADER_TEXT "Dane programu" "Czy usunąć także dane?"
    nsDialogs::Create 1018
    Pop $0
    ${NSD_CreateLabel} 0 0 100% 60u "Program zostanie usunięty. Dane — zaszyfrowana baza procedur, załączniki i kopie — są w folderze:$\r$\n${DATA_DIR}$\r$\n$\r$\nDomyślnie zostają na komputerze. Zanim je usuniesz, sprawdź, czy masz aktualną kopię zapasową (np. na pendrivie): bez niej danych nie da się odzyskać."
    Pop $0
    ${NSD_CreateCheckbox} 0 70u 100% 12u "usuń dane (nieodwracalnie usuwa folder ${DATA_DIR})"
    Pop $RemoveDataBox
    ${If} $RemoveData == ${BST_CHECKED}
        ${NSD_Check} $RemoveDataBox
    ${EndIf}
    nsDialogs::Show
FunctionEnd

Function un.DataPageLeave
    ${NSD_GetState} $RemoveDataBox $RemoveData
    ${If} $RemoveData == ${BST_CHECKED}
        MessageBox MB_YESNO|MB_ICONEXCLAMATION|MB_DEFBUTTON2 "Usunąć nieodwracalnie folder danych ${DATA_DIR}?$\r$\nBez kopii zapasowej tych danych nie da się odzyskać." IDYES +2
        Abort
    ${EndIf}
FunctionEnd

Section "Uninstall"
    Delete "$DESKTOP\${PRODUCT}.lnk"
    RMDir /r "$SMPROGRAMS\${PRODUCT}"
    RMDir /r "$INSTDIR\_internal"
    Delete "$INSTDIR\NKDesk.exe"
    Delete "$INSTDIR\Odinstaluj.exe"
    RMDir "$INSTDIR"
    DeleteRegKey HKCU "${UNINSTALL_KEY}"
    ${If} $RemoveData == ${BST_CHECKED}
        RMDir /r "${DATA_DIR}"
    ${EndIf}
SectionEnd
