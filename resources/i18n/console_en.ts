<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>Application</name>
    <message>
        <source>Video Sharing Console</source>
        <translation>Video Sharing Console</translation>
    </message>
</context>
<context>
    <name>CameraDetails</name>
    <message>
        <source>Select a monitoring point to see its details.</source>
        <translation>Select a monitoring point to see its details.</translation>
    </message>
    <message>
        <source>Record at home…</source>
        <translation>Record at home…</translation>
    </message>
    <message>
        <source>The centre sends the camera to its home preset and records its picture there; returns home through the city platform are then verified against it.</source>
        <translation>The centre sends the camera to its home preset and records its picture there; returns home through the city platform are then verified against it.</translation>
    </message>
</context>
<context>
    <name>CameraDock</name>
    <message>
        <source>Monitoring points</source>
        <translation>Monitoring points</translation>
    </message>
    <message>
        <source>Search monitoring points</source>
        <translation>Search monitoring points</translation>
    </message>
    <message>
        <source>Name, code or location; several words separated by spaces must all match.</source>
        <translation>Name, code or location; several words separated by spaces must all match.</translation>
    </message>
    <message>
        <source>Region → owner unit → category</source>
        <translation>Region → owner unit → category</translation>
    </message>
    <message>
        <source>Owner unit → region → category</source>
        <translation>Owner unit → region → category</translation>
    </message>
    <message>
        <source>Group by</source>
        <translation>Group by</translation>
    </message>
    <message>
        <source>Open in a free tile</source>
        <translation>Open in a free tile</translation>
    </message>
    <message>
        <source>Record the picture at home</source>
        <translation>Record the picture at home</translation>
    </message>
    <message>
        <source>The centre sends {camera} to its home preset and records its picture there. Returns home through the city platform are then verified against it. Record it now?</source>
        <translation>The centre sends {camera} to its home preset and records its picture there. Returns home through the city platform are then verified against it. Record it now?</translation>
    </message>
    <message>
        <source>Recording: the camera is going home…</source>
        <translation>Recording: the camera is going home…</translation>
    </message>
    <message>
        <source>Not recorded: {reason}</source>
        <translation>Not recorded: {reason}</translation>
    </message>
    <message>
        <source>Loading monitoring points…</source>
        <translation>Loading monitoring points…</translation>
    </message>
    <message numerus="yes">
        <source>%n monitoring point(s), {online} online</source>
        <translation>
            <numerusform>%n monitoring point, {online} online</numerusform>
            <numerusform>%n monitoring points, {online} online</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n match</numerusform>
            <numerusform>%n matches</numerusform>
        </translation>
    </message>
    <message>
        <source>No monitoring point matches the search.</source>
        <translation>No monitoring point matches the search.</translation>
    </message>
    <message>
        <source>No monitoring points.
You hold no right on any monitoring point; your unit can apply for a grant.</source>
        <translation>No monitoring points.
You hold no right on any monitoring point; your unit can apply for a grant.</translation>
    </message>
</context>
<context>
    <name>CameraText</name>
    <message>
        <source>Dome</source>
        <translation>Dome</translation>
    </message>
    <message>
        <source>Half-dome</source>
        <translation>Half-dome</translation>
    </message>
    <message>
        <source>Fixed bullet</source>
        <translation>Fixed bullet</translation>
    </message>
    <message>
        <source>Remote-controlled bullet</source>
        <translation>Remote-controlled bullet</translation>
    </message>
    <message>
        <source>Remote-controlled half-dome</source>
        <translation>Remote-controlled half-dome</translation>
    </message>
    <message>
        <source>Multi-sensor, panoramic</source>
        <translation>Multi-sensor, panoramic</translation>
    </message>
    <message>
        <source>Multi-sensor, split channel</source>
        <translation>Multi-sensor, split channel</translation>
    </message>
    <message>
        <source>Shared unconditionally</source>
        <translation>Shared unconditionally</translation>
    </message>
    <message>
        <source>Shared on conditions</source>
        <translation>Shared on conditions</translation>
    </message>
    <message>
        <source>Not shared</source>
        <translation>Not shared</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Owner unit</source>
        <translation>Owner unit</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Camera type</source>
        <translation>Camera type</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>PTZ</translation>
    </message>
    <message>
        <source>Share type</source>
        <translation>Share type</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Maintainer</source>
        <translation>Maintainer</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Project</translation>
    </message>
    <message>
        <source>Warranty ends</source>
        <translation>Warranty ends</translation>
    </message>
    <message>
        <source>Your rights</source>
        <translation>Your rights</translation>
    </message>
    <message>
        <source>Automatic check</source>
        <translation>Automatic check</translation>
    </message>
    <message>
        <source>Picture at home</source>
        <translation>Picture at home</translation>
    </message>
    <message>
        <source>no signal</source>
        <translation>no signal</translation>
    </message>
    <message>
        <source>too dark or too bright</source>
        <translation>too dark or too bright</translation>
    </message>
    <message>
        <source>blurred</source>
        <translation>blurred</translation>
    </message>
    <message>
        <source>covered</source>
        <translation>covered</translation>
    </message>
    <message>
        <source>colour cast</source>
        <translation>colour cast</translation>
    </message>
    <message>
        <source>frozen picture</source>
        <translation>frozen picture</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>Yes, no home preset set</source>
        <translation>Yes, no home preset set</translation>
    </message>
    <message>
        <source>Yes, home preset {preset}</source>
        <translation>Yes, home preset {preset}</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Offline, last seen {time}</source>
        <translation>Offline, last seen {time}</translation>
    </message>
    <message>
        <source>Not checked yet</source>
        <translation>Not checked yet</translation>
    </message>
    <message>
        <source>{time}: clean picture ({checks} checks)</source>
        <translation>{time}: clean picture ({checks} checks)</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>{finding} ({n} of {of} checks in a row)</source>
        <translation>{finding} ({n} of {of} checks in a row)</translation>
    </message>
    <message>
        <source>{time}: {findings}</source>
        <translation>{time}: {findings}</translation>
    </message>
    <message>
        <source>None recorded: returns through the city platform are commanded, not verified</source>
        <translation>None recorded: returns through the city platform are commanded, not verified</translation>
    </message>
    <message>
        <source>Recorded {time} by {account} (preset {preset})</source>
        <translation>Recorded {time} by {account} (preset {preset})</translation>
    </message>
</context>
<context>
    <name>CameraTreeModel</name>
    <message>
        <source>Monitoring point</source>
        <translation>Monitoring point</translation>
    </message>
    <message>
        <source>Rights</source>
        <translation>Rights</translation>
    </message>
    <message>
        <source>Uncategorised</source>
        <translation>Uncategorised</translation>
    </message>
    <message>
        <source>Unnamed</source>
        <translation>Unnamed</translation>
    </message>
    <message>
        <source>{name}: {online} of {total} monitoring points online</source>
        <translation>{name}: {online} of {total} monitoring points online</translation>
    </message>
    <message numerus="yes">
        <source>%n match(es) the search</source>
        <translation>
            <numerusform>%n matches the search</numerusform>
            <numerusform>%n match the search</numerusform>
        </translation>
    </message>
    <message>
        <source>Code: {code}</source>
        <translation>Code: {code}</translation>
    </message>
    <message>
        <source>Location: {location}</source>
        <translation>Location: {location}</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
</context>
<context>
    <name>CaptureGuard</name>
    <message>
        <source>Video hidden: a screen capture or remote-desktop program is running ({names}). Close it to see video again; this has been recorded.</source>
        <translation>Video hidden: a screen capture or remote-desktop program is running ({names}). Close it to see video again; this has been recorded.</translation>
    </message>
    <message>
        <source>excluded (video windows are left out of screenshots and recordings); capture programs are also detected</source>
        <translation>excluded (video windows are left out of screenshots and recordings); capture programs are also detected</translation>
    </message>
    <message>
        <source>monitor only (video windows show black in screenshots and recordings); capture programs are also detected</source>
        <translation>monitor only (video windows show black in screenshots and recordings); capture programs are also detected</translation>
    </message>
    <message>
        <source>detection only (this system offers no exclusion: video is hidden while a capture program runs)</source>
        <translation>detection only (this system offers no exclusion: video is hidden while a capture program runs)</translation>
    </message>
</context>
<context>
    <name>CatalogDialog</name>
    <message>
        <source>Camera catalogue</source>
        <translation>Camera catalogue</translation>
    </message>
    <message>
        <source>Import the catalogue spreadsheets (一机一档)</source>
        <translation>Import the catalogue spreadsheets (一机一档)</translation>
    </message>
    <message>
        <source>Cameras and projects in .xlsx or .csv. All chosen files are imported together, all or nothing; cameras are updated by their national code. Check first: every bad row is listed.</source>
        <translation>Cameras and projects in .xlsx or .csv. All chosen files are imported together, all or nothing; cameras are updated by their national code. Check first: every bad row is listed.</translation>
    </message>
    <message>
        <source>Add files…</source>
        <translation>Add files…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>Export catalogue…</source>
        <translation>Export catalogue…</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Catalogue spreadsheets</source>
        <translation>Catalogue spreadsheets</translation>
    </message>
    <message>
        <source>Spreadsheets ({patterns})</source>
        <translation>Spreadsheets ({patterns})</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>The files are valid. Press Import to write them.</source>
        <translation>The files are valid. Press Import to write them.</translation>
    </message>
    <message>
        <source>Imported.</source>
        <translation>Imported.</translation>
    </message>
    <message>
        <source>{added} added, {changed} changed, {unchanged} unchanged</source>
        <translation>{added} added, {changed} changed, {unchanged} unchanged</translation>
    </message>
    <message>
        <source>{files}: cameras {cameras}; projects {projects}; regions {added} added, {renamed} renamed</source>
        <translation>{files}: cameras {cameras}; projects {projects}; regions {added} added, {renamed} renamed</translation>
    </message>
    <message>
        <source>Dry run, nothing written: {line}</source>
        <translation>Dry run, nothing written: {line}</translation>
    </message>
    <message>
        <source>New categories: {names}</source>
        <translation>New categories: {names}</translation>
    </message>
    <message numerus="yes">
        <source>Credentials of %n camera(s) were taken out of the stream addresses and stored at the centre.</source>
        <translation>
            <numerusform>Credentials of %n camera were taken out of the stream addresses and stored at the centre.</numerusform>
            <numerusform>Credentials of %n cameras were taken out of the stream addresses and stored at the centre.</numerusform>
        </translation>
    </message>
    <message>
        <source>Changed: {codes}</source>
        <translation>Changed: {codes}</translation>
    </message>
    <message numerus="yes">
        <source> and %n more</source>
        <translation>
            <numerusform> and %n more</numerusform>
            <numerusform> and %n more</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n stored camera(s) not in these files are left as they are.</source>
        <translation>
            <numerusform>%n stored camera not in these files is left as it is.</numerusform>
            <numerusform>%n stored cameras not in these files are left as they are.</numerusform>
        </translation>
    </message>
    <message>
        <source>Sheets ignored (no catalogue header): {names}</source>
        <translation>Sheets ignored (no catalogue header): {names}</translation>
    </message>
    <message>
        <source>Columns ignored: {names}</source>
        <translation>Columns ignored: {names}</translation>
    </message>
    <message numerus="yes">
        <source>Nothing imported: %n problem(s) found.</source>
        <translation>
            <numerusform>Nothing imported: %n problem found.</numerusform>
            <numerusform>Nothing imported: %n problems found.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing imported: {file}: {problem}</source>
        <translation>Nothing imported: {file}: {problem}</translation>
    </message>
    <message>
        <source>Nothing imported: {error}</source>
        <translation>Nothing imported: {error}</translation>
    </message>
    <message>
        <source>Export the catalogue</source>
        <translation>Export the catalogue</translation>
    </message>
    <message numerus="yes">
        <source>%n camera(s)</source>
        <translation>
            <numerusform>%n camera</numerusform>
            <numerusform>%n cameras</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n project(s)</source>
        <translation>
            <numerusform>%n project</numerusform>
            <numerusform>%n projects</numerusform>
        </translation>
    </message>
    <message>
        <source>Exported: {rows}</source>
        <translation>Exported: {rows}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Export failed: {error}</source>
        <translation>Export failed: {error}</translation>
    </message>
</context>
<context>
    <name>CatalogProblem</name>
    <message>
        <source>must not be empty</source>
        <translation>must not be empty</translation>
    </message>
    <message>
        <source>is {length} characters long; at most {limit}</source>
        <translation>is {length} characters long; at most {limit}</translation>
    </message>
    <message>
        <source>contains control characters</source>
        <translation>contains control characters</translation>
    </message>
    <message>
        <source>{value} is not a whole number</source>
        <translation>{value} is not a whole number</translation>
    </message>
    <message>
        <source>{value} is outside {low}..{high}</source>
        <translation>{value} is outside {low}..{high}</translation>
    </message>
    <message>
        <source>{value} is outside at least {low}</source>
        <translation>{value} is outside at least {low}</translation>
    </message>
    <message>
        <source>{value} is not a number</source>
        <translation>{value} is not a number</translation>
    </message>
    <message>
        <source>{value} is not a share type (无条件共享, 有条件共享 or 不予共享)</source>
        <translation>{value} is not a share type (无条件共享, 有条件共享 or 不予共享)</translation>
    </message>
    <message>
        <source>{value} is not a camera type (球机, 半球, 固定枪机, 遥控枪机, 遥控半球, 多目全景, 多目分割, or 1-7)</source>
        <translation>{value} is not a camera type (球机, 半球, 固定枪机, 遥控枪机, 遥控半球, 多目全景, 多目分割, or 1-7)</translation>
    </message>
    <message>
        <source>{value} is not 在线/离线 (online/offline)</source>
        <translation>{value} is not 在线/离线 (online/offline)</translation>
    </message>
    <message>
        <source>{value} is not a resource type (视频监控类 or 融合通讯类)</source>
        <translation>{value} is not a resource type (视频监控类 or 融合通讯类)</translation>
    </message>
    <message>
        <source>{value} is not 是/否 (yes/no)</source>
        <translation>{value} is not 是/否 (yes/no)</translation>
    </message>
    <message>
        <source>{value} is not a date (YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日)</source>
        <translation>{value} is not a date (YYYY-MM-DD, YYYY/MM/DD or YYYY年M月D日)</translation>
    </message>
    <message>
        <source>{value} is not a date and time (YYYY-MM-DD HH:MM:SS)</source>
        <translation>{value} is not a date and time (YYYY-MM-DD HH:MM:SS)</translation>
    </message>
    <message>
        <source>{value} is not a date</source>
        <translation>{value} is not a date</translation>
    </message>
    <message>
        <source>scheme {value} is not a stream address ({schemes} or a file path)</source>
        <translation>scheme {value} is not a stream address ({schemes} or a file path)</translation>
    </message>
    <message>
        <source>{value} is not a stream address ({schemes} or a file path)</source>
        <translation>{value} is not a stream address ({schemes} or a file path)</translation>
    </message>
    <message>
        <source>{value} has no host</source>
        <translation>{value} has no host</translation>
    </message>
    <message>
        <source>is a number in the sheet ({value}), so its last digits are lost; format the column as text and enter the codes again</source>
        <translation>is a number in the sheet ({value}), so its last digits are lost; format the column as text and enter the codes again</translation>
    </message>
    <message>
        <source>{value} must be exactly 20 digits (GB/T 28181)</source>
        <translation>{value} must be exactly 20 digits (GB/T 28181)</translation>
    </message>
    <message>
        <source>{value}: the first 8 digits must be a civil code (行政区划)</source>
        <translation>{value}: the first 8 digits must be a civil code (行政区划)</translation>
    </message>
    <message>
        <source>{value}: type {type} is a {device}, not a camera</source>
        <translation>{value}: type {type} is a {device}, not a camera</translation>
    </message>
    <message>
        <source>{value}: type {type} (digits 11-13) is not a camera type ({types})</source>
        <translation>{value}: type {type} (digits 11-13) is not a camera type ({types})</translation>
    </message>
    <message>
        <source>{value}: network digit {digit} (digit 14) is not defined</source>
        <translation>{value}: network digit {digit} (digit 14) is not defined</translation>
    </message>
    <message>
        <source>{value} must be a civil code of 2, 4, 6 or 8 digits (行政区划代码)</source>
        <translation>{value} must be a civil code of 2, 4, 6 or 8 digits (行政区划代码)</translation>
    </message>
    <message>
        <source>{value} is not a valid civil code</source>
        <translation>{value} is not a valid civil code</translation>
    </message>
    <message>
        <source>{value} is not a usable PTZ control address (onvif://host:port)</source>
        <translation>{value} is not a usable PTZ control address (onvif://host:port)</translation>
    </message>
    <message>
        <source>not a spreadsheet: give an .xlsx or .csv file</source>
        <translation>not a spreadsheet: give an .xlsx or .csv file</translation>
    </message>
    <message>
        <source>no such file</source>
        <translation>no such file</translation>
    </message>
    <message>
        <source>cannot read: {error}</source>
        <translation>cannot read: {error}</translation>
    </message>
    <message>
        <source>no header row naming {keys} in its first {rows} rows; is this a camera catalogue?</source>
        <translation>no header row naming {keys} in its first {rows} rows; is this a camera catalogue?</translation>
    </message>
    <message>
        <source>no sheet has header row naming {keys} in its first {rows} rows; is this a camera catalogue?</source>
        <translation>no sheet has header row naming {keys} in its first {rows} rows; is this a camera catalogue?</translation>
    </message>
    <message>
        <source>not a readable workbook ({error})</source>
        <translation>not a readable workbook ({error})</translation>
    </message>
    <message>
        <source>not a readable CSV file ({error})</source>
        <translation>not a readable CSV file ({error})</translation>
    </message>
    <message>
        <source>not a text CSV file (binary data)</source>
        <translation>not a text CSV file (binary data)</translation>
    </message>
    <message>
        <source>not UTF-8 or GB18030 text; save the CSV as UTF-8</source>
        <translation>not UTF-8 or GB18030 text; save the CSV as UTF-8</translation>
    </message>
    <message>
        <source>sheet {sheet}: no header row naming {keys} in its first {rows} rows</source>
        <translation>sheet {sheet}: no header row naming {keys} in its first {rows} rows</translation>
    </message>
    <message>
        <source>{value} is not a valid date</source>
        <translation>{value} is not a valid date</translation>
    </message>
    <message>
        <source>{value} is not a valid date and time</source>
        <translation>{value} is not a valid date and time</translation>
    </message>
    <message>
        <source>{value} is not a valid URL</source>
        <translation>{value} is not a valid URL</translation>
    </message>
    <message>
        <source>a home preset needs a PTZ camera ({ptz} = 是)</source>
        <translation>a home preset needs a PTZ camera ({ptz} = 是)</translation>
    </message>
    <message>
        <source>a PTZ control address needs a PTZ camera ({ptz} = 是)</source>
        <translation>a PTZ control address needs a PTZ camera ({ptz} = 是)</translation>
    </message>
    <message>
        <source>{value} is not a registered unit (code or name); add it with &apos;main.py admin unit-add&apos; first</source>
        <translation>{value} is not a registered unit (code or name); add it with &apos;main.py admin unit-add&apos; first</translation>
    </message>
    <message>
        <source>{value} is not a registered unit (code or name)</source>
        <translation>{value} is not a registered unit (code or name)</translation>
    </message>
    <message>
        <source>no project named {value} (neither stored nor in a project sheet of this import)</source>
        <translation>no project named {value} (neither stored nor in a project sheet of this import)</translation>
    </message>
    <message>
        <source>{share} needs a legal basis (Zunyi §14)</source>
        <translation>{share} needs a legal basis (Zunyi §14)</translation>
    </message>
    <message>
        <source>missing while {given} is given; give both or neither</source>
        <translation>missing while {given} is given; give both or neither</translation>
    </message>
    <message>
        <source>carries another user/password than the main stream; a camera has one account (set it with &apos;main.py secret set-camera&apos;)</source>
        <translation>carries another user/password than the main stream; a camera has one account (set it with &apos;main.py secret set-camera&apos;)</translation>
    </message>
    <message>
        <source>{shared} is more than {total_header} ({total})</source>
        <translation>{shared} is more than {total_header} ({total})</translation>
    </message>
    <message>
        <source>the column appears twice</source>
        <translation>the column appears twice</translation>
    </message>
    <message>
        <source>the header row has no such column (required)</source>
        <translation>the header row has no such column (required)</translation>
    </message>
    <message>
        <source>code {value} appears twice: row {first_row} and row {row}</source>
        <translation>code {value} appears twice: row {first_row} and row {row}</translation>
    </message>
    <message>
        <source>code {value} appears twice: {first_file} {first_sheet} row {first_row} and row {row}</source>
        <translation>code {value} appears twice: {first_file} {first_sheet} row {first_row} and row {row}</translation>
    </message>
    <message>
        <source>project name {value} appears twice: row {first_row} and row {row}</source>
        <translation>project name {value} appears twice: row {first_row} and row {row}</translation>
    </message>
    <message>
        <source>project name {value} appears twice: {first_file} {first_sheet} row {first_row} and row {row}</source>
        <translation>project name {value} appears twice: {first_file} {first_sheet} row {first_row} and row {row}</translation>
    </message>
    <message>
        <source>{value} for {code} differs from {first} in row {first_row}</source>
        <translation>{value} for {code} differs from {first} in row {first_row}</translation>
    </message>
    <message>
        <source>{value} for {code} differs from {first} in {first_file} {first_sheet} row {first_row}</source>
        <translation>{value} for {code} differs from {first} in {first_file} {first_sheet} row {first_row}</translation>
    </message>
</context>
<context>
    <name>CentreLinkGuard</name>
    <message>
        <source>The centre answers again: checking the views…</source>
        <translation>The centre answers again: checking the views…</translation>
    </message>
    <message>
        <source>Video hidden: the centre cannot be reached (for {seconds} s). It comes back by itself when the centre answers.</source>
        <translation>Video hidden: the centre cannot be reached (for {seconds} s). It comes back by itself when the centre answers.</translation>
    </message>
</context>
<context>
    <name>DeskPtz</name>
    <message>
        <source>Release PTZ control (camera returns home)</source>
        <translation>Release PTZ control (camera returns home)</translation>
    </message>
    <message>
        <source>PTZ control</source>
        <translation>PTZ control</translation>
    </message>
</context>
<context>
    <name>DeskStatus</name>
    <message>
        <source>Operator {name} ({account})</source>
        <translation>Operator {name} ({account})</translation>
    </message>
    <message>
        <source>Terminal {terminal} · {ip}</source>
        <translation>Terminal {terminal} · {ip}</translation>
    </message>
    <message>
        <source>Session {code}</source>
        <translation>Session {code}</translation>
    </message>
    <message>
        <source>The centre cannot be reached; retrying… ({error})</source>
        <translation>The centre cannot be reached; retrying… ({error})</translation>
    </message>
    <message>
        <source>The centre cannot be reached; retrying…</source>
        <translation>The centre cannot be reached; retrying…</translation>
    </message>
    <message>
        <source>PTZ not home: {count}</source>
        <translation>PTZ not home: {count}</translation>
    </message>
    <message>
        <source>These PTZ cameras could not be verified back at their home position; the consoles keep retrying:
{cameras}</source>
        <translation>These PTZ cameras could not be verified back at their home position; the consoles keep retrying:
{cameras}</translation>
    </message>
</context>
<context>
    <name>DeskViews</name>
    <message>
        <source>Every tile shows a view; close one or drop the monitoring point onto a tile to replace its view.</source>
        <translation>Every tile shows a view; close one or drop the monitoring point onto a tile to replace its view.</translation>
    </message>
    <message>
        <source>Send to wall output</source>
        <translation>Send to wall output</translation>
    </message>
    <message>
        <source>{camera}: {reason}</source>
        <translation>{camera}: {reason}</translation>
    </message>
</context>
<context>
    <name>DutyLogDialog</name>
    <message>
        <source>On-duty log</source>
        <translation>On-duty log</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <source>What was seen</source>
        <translation>What was seen</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>Follow-up</translation>
    </message>
    <message>
        <source>Written by</source>
        <translation>Written by</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Another time</source>
        <translation>Another time</translation>
    </message>
    <message>
        <source>Camera codes, separated by commas</source>
        <translation>Camera codes, separated by commas</translation>
    </message>
    <message>
        <source>Add the camera selected in the tree</source>
        <translation>Add the camera selected in the tree</translation>
    </message>
    <message>
        <source>From the open view of {camera}</source>
        <translation>From the open view of {camera}</translation>
    </message>
    <message>
        <source>What is still to be done (leave empty if nothing)</source>
        <translation>What is still to be done (leave empty if nothing)</translation>
    </message>
    <message>
        <source>Write entry</source>
        <translation>Write entry</translation>
    </message>
    <message>
        <source>Correct the selected entry</source>
        <translation>Correct the selected entry</translation>
    </message>
    <message>
        <source>Settle the selected follow-up</source>
        <translation>Settle the selected follow-up</translation>
    </message>
    <message>
        <source>New entry</source>
        <translation>New entry</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>corrects #{id}</source>
        <translation>corrects #{id}</translation>
    </message>
    <message>
        <source>corrected by #{id}</source>
        <translation>corrected by #{id}</translation>
    </message>
    <message>
        <source>settles #{id}</source>
        <translation>settles #{id}</translation>
    </message>
    <message>
        <source>settled by #{id}</source>
        <translation>settled by #{id}</translation>
    </message>
    <message>
        <source>You are on no shift of the duty roster.</source>
        <translation>You are on no shift of the duty roster.</translation>
    </message>
    <message>
        <source>: {comment}</source>
        <translation>: {comment}</translation>
    </message>
    <message>
        <source>Correcting entry #{id}</source>
        <translation>Correcting entry #{id}</translation>
    </message>
    <message>
        <source>Settling the follow-up of #{id}</source>
        <translation>Settling the follow-up of #{id}</translation>
    </message>
    <message>
        <source>Say what was seen.</source>
        <translation>Say what was seen.</translation>
    </message>
    <message>
        <source>Entry #{id} written.</source>
        <translation>Entry #{id} written.</translation>
    </message>
</context>
<context>
    <name>DutyMenu</name>
    <message>
        <source>Duty</source>
        <translation>Duty</translation>
    </message>
    <message>
        <source>On-duty log…</source>
        <translation>On-duty log…</translation>
    </message>
    <message>
        <source>Shift handover…</source>
        <translation>Shift handover…</translation>
    </message>
    <message>
        <source>Duty review and roster…</source>
        <translation>Duty review and roster…</translation>
    </message>
    <message>
        <source>Add to the on-duty log…</source>
        <translation>Add to the on-duty log…</translation>
    </message>
</context>
<context>
    <name>DutyReviewDialog</name>
    <message>
        <source>Duty review and roster</source>
        <translation>Duty review and roster</translation>
    </message>
    <message>
        <source>Unit code</source>
        <translation>Unit code</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>To</source>
        <translation>To</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Starts</source>
        <translation>Starts</translation>
    </message>
    <message>
        <source>Ends</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>On duty</source>
        <translation>On duty</translation>
    </message>
    <message>
        <source>Entries</source>
        <translation>Entries</translation>
    </message>
    <message>
        <source>Handover</source>
        <translation>Handover</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Review</translation>
    </message>
    <message>
        <source>Comment (required to return)</source>
        <translation>Comment (required to return)</translation>
    </message>
    <message>
        <source>Approve</source>
        <translation>Approve</translation>
    </message>
    <message>
        <source>Return for correction</source>
        <translation>Return for correction</translation>
    </message>
    <message>
        <source>Shift report (PDF)…</source>
        <translation>Shift report (PDF)…</translation>
    </message>
    <message>
        <source>New shift on the roster</source>
        <translation>New shift on the roster</translation>
    </message>
    <message>
        <source>e.g. day shift</source>
        <translation>e.g. day shift</translation>
    </message>
    <message>
        <source>Accounts, separated by commas</source>
        <translation>Accounts, separated by commas</translation>
    </message>
    <message>
        <source>Add shift</source>
        <translation>Add shift</translation>
    </message>
    <message>
        <source>Edit selected shift</source>
        <translation>Edit selected shift</translation>
    </message>
    <message>
        <source>Save changes</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>People</source>
        <translation>People</translation>
    </message>
    <message>
        <source>late: {n}</source>
        <translation>late: {n}</translation>
    </message>
    <message>
        <source>absent: {n}</source>
        <translation>absent: {n}</translation>
    </message>
    <message>
        <source>gaps: {n}</source>
        <translation>gaps: {n}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>all present</source>
        <translation>all present</translation>
    </message>
    <message>
        <source>Reviewed by {who}, {when}</source>
        <translation>Reviewed by {who}, {when}</translation>
    </message>
    <message>
        <source>Comment: {comment}</source>
        <translation>Comment: {comment}</translation>
    </message>
    <message>
        <source>Changing shift #{id} ({unit}): edit the name, times or people above, then save.</source>
        <translation>Changing shift #{id} ({unit}): edit the name, times or people above, then save.</translation>
    </message>
    <message>
        <source>Shift #{id} changed.</source>
        <translation>Shift #{id} changed.</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Attendance</translation>
    </message>
    <message>
        <source>not on the roster</source>
        <translation>not on the roster</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>absent</translation>
    </message>
    <message>
        <source>late by {minutes} min</source>
        <translation>late by {minutes} min</translation>
    </message>
    <message>
        <source>on time</source>
        <translation>on time</translation>
    </message>
    <message>
        <source>not yet logged in</source>
        <translation>not yet logged in</translation>
    </message>
    <message>
        <source>    gap: {start} – {end}</source>
        <translation>    gap: {start} – {end}</translation>
    </message>
    <message>
        <source>On-duty log</source>
        <translation>On-duty log</translation>
    </message>
    <message>
        <source> (corrected by #{id})</source>
        <translation> (corrected by #{id})</translation>
    </message>
    <message>
        <source> (corrects #{id})</source>
        <translation> (corrects #{id})</translation>
    </message>
    <message>
        <source>    follow-up: {text}</source>
        <translation>    follow-up: {text}</translation>
    </message>
    <message>
        <source>Handovers</source>
        <translation>Handovers</translation>
    </message>
    <message>
        <source>Say what is to be corrected.</source>
        <translation>Say what is to be corrected.</translation>
    </message>
    <message>
        <source>Shift #{id}: {state}.</source>
        <translation>Shift #{id}: {state}.</translation>
    </message>
    <message>
        <source>Save the shift report</source>
        <translation>Save the shift report</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>PDF documents (*.pdf)</translation>
    </message>
    <message>
        <source>Report saved: {path}</source>
        <translation>Report saved: {path}</translation>
    </message>
    <message>
        <source>Name the people on the shift.</source>
        <translation>Name the people on the shift.</translation>
    </message>
    <message>
        <source>Shift #{id} added to the roster.</source>
        <translation>Shift #{id} added to the roster.</translation>
    </message>
</context>
<context>
    <name>DutyText</name>
    <message>
        <source>Routine patrol</source>
        <translation>Routine patrol</translation>
    </message>
    <message>
        <source>Incident</source>
        <translation>Incident</translation>
    </message>
    <message>
        <source>Traffic</source>
        <translation>Traffic</translation>
    </message>
    <message>
        <source>Public order</source>
        <translation>Public order</translation>
    </message>
    <message>
        <source>Equipment or picture fault</source>
        <translation>Equipment or picture fault</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Not reviewed</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <source>Returned</source>
        <translation>Returned</translation>
    </message>
    <message>
        <source>Approved (locked)</source>
        <translation>Approved (locked)</translation>
    </message>
    <message>
        <source>Signed, awaiting the next shift</source>
        <translation>Signed, awaiting the next shift</translation>
    </message>
    <message>
        <source>Accepted</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>camera</source>
        <translation>camera</translation>
    </message>
    <message>
        <source>camera group</source>
        <translation>camera group</translation>
    </message>
    <message>
        <source>region</source>
        <translation>region</translation>
    </message>
    <message>
        <source>Open items: {n}</source>
        <translation>Open items: {n}</translation>
    </message>
    <message>
        <source>Open fault reports: {n}</source>
        <translation>Open fault reports: {n}</translation>
    </message>
    <message>
        <source>PTZ cameras not verified home: {n}</source>
        <translation>PTZ cameras not verified home: {n}</translation>
    </message>
    <message>
        <source>Online rate of the unit&apos;s cameras at {at} (point in time): {online} of {total} = {share}</source>
        <translation>Online rate of the unit&apos;s cameras at {at} (point in time): {online} of {total} = {share}</translation>
    </message>
    <message>
        <source>Online rate today since {since} (time weighted): {hours} of {expected} camera-hours = {share}</source>
        <translation>Online rate today since {since} (time weighted): {hours} of {expected} camera-hours = {share}</translation>
    </message>
    <message>
        <source>Cameras of the unit online at {at} (point-in-time share of the catalogue, before online rates were recorded): {online} of {total} = {share}</source>
        <translation>Cameras of the unit online at {at} (point-in-time share of the catalogue, before online rates were recorded): {online} of {total} = {share}</translation>
    </message>
    <message>
        <source>Emergency grants in force: {n}</source>
        <translation>Emergency grants in force: {n}</translation>
    </message>
</context>
<context>
    <name>EmergencyGrantDialog</name>
    <message>
        <source>Emergency grant</source>
        <translation>Emergency grant</translation>
    </message>
    <message>
        <source>Time-limited emergency grant</source>
        <translation>Time-limited emergency grant</translation>
    </message>
    <message>
        <source>The grant starts now and ends by itself after the chosen time (at most {max} hours). It may open cameras that are not shared. It is recorded in the usage register with your name and the reason.</source>
        <translation>The grant starts now and ends by itself after the chosen time (at most {max} hours). It may open cameras that are not shared. It is recorded in the usage register with your name and the reason.</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>The emergency: what happened, where</source>
        <translation>The emergency: what happened, where</translation>
    </message>
    <message>
        <source>Incident number (optional)</source>
        <translation>Incident number (optional)</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Duration</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>Reference</translation>
    </message>
</context>
<context>
    <name>FaultListDialog</name>
    <message>
        <source>Fault reports</source>
        <translation>Fault reports</translation>
    </message>
    <message>
        <source>Open reports only</source>
        <translation>Open reports only</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Reported</source>
        <translation>Reported</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Fault</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Maintainer unit</source>
        <translation>Maintainer unit</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Reported by</source>
        <translation>Reported by</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Note for this step (optional)</source>
        <translation>Note for this step (optional)</translation>
    </message>
    <message>
        <source>Reported by {who} on {terminal}, {when}</source>
        <translation>Reported by {who} on {terminal}, {when}</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>Note: {note}</translation>
    </message>
</context>
<context>
    <name>FaultReportDialog</name>
    <message>
        <source>Report a fault</source>
        <translation>Report a fault</translation>
    </message>
    <message>
        <source>What is wrong (required for &apos;Other&apos;)</source>
        <translation>What is wrong (required for &apos;Other&apos;)</translation>
    </message>
    <message>
        <source>Report</source>
        <translation>Report</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Fault</source>
        <translation>Fault</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Comment</translation>
    </message>
    <message>
        <source>Say what is wrong.</source>
        <translation>Say what is wrong.</translation>
    </message>
</context>
<context>
    <name>FaultReporter</name>
    <message>
        <source>Report a fault…</source>
        <translation>Report a fault…</translation>
    </message>
    <message>
        <source>the maintainer (not in the catalogue)</source>
        <translation>the maintainer (not in the catalogue)</translation>
    </message>
    <message>
        <source>Fault report #{id} recorded for {camera}; it goes to {maintainer}.</source>
        <translation>Fault report #{id} recorded for {camera}; it goes to {maintainer}.</translation>
    </message>
</context>
<context>
    <name>FaultText</name>
    <message>
        <source>Position offset</source>
        <translation>Position offset</translation>
    </message>
    <message>
        <source>Blurred picture</source>
        <translation>Blurred picture</translation>
    </message>
    <message>
        <source>Occluded</source>
        <translation>Occluded</translation>
    </message>
    <message>
        <source>Offline / no signal</source>
        <translation>Offline / no signal</translation>
    </message>
    <message>
        <source>Frozen picture</source>
        <translation>Frozen picture</translation>
    </message>
    <message>
        <source>Colour cast</source>
        <translation>Colour cast</translation>
    </message>
    <message>
        <source>Too dark or too bright</source>
        <translation>Too dark or too bright</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Sent to the maintainer</source>
        <translation>Sent to the maintainer</translation>
    </message>
    <message>
        <source>Fixed</source>
        <translation>Fixed</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>Verified</translation>
    </message>
    <message>
        <source>Send to the maintainer</source>
        <translation>Send to the maintainer</translation>
    </message>
    <message>
        <source>Mark fixed</source>
        <translation>Mark fixed</translation>
    </message>
    <message>
        <source>Verified on the picture</source>
        <translation>Verified on the picture</translation>
    </message>
    <message>
        <source>Not fixed: reopen</source>
        <translation>Not fixed: reopen</translation>
    </message>
    <message>
        <source>Automatic video diagnosis</source>
        <translation>Automatic video diagnosis</translation>
    </message>
</context>
<context>
    <name>GrantFormDialog</name>
    <message>
        <source>Grant from an approved form</source>
        <translation>Grant from an approved form</translation>
    </message>
    <message>
        <source>Grant from an approved application form</source>
        <translation>Grant from an approved application form</translation>
    </message>
    <message>
        <source>Enter the approved form: its number, the period, the purpose and who approved it. A camera that is not shared opens only for its owner unit; an ordinary grant cannot open it for anyone else. The grant is recorded in the usage register.</source>
        <translation>Enter the approved form: its number, the period, the purpose and who approved it. A camera that is not shared opens only for its owner unit; an ordinary grant cannot open it for anyone else. The grant is recorded in the usage register.</translation>
    </message>
    <message>
        <source>Number of the approved form</source>
        <translation>Number of the approved form</translation>
    </message>
    <message>
        <source>The purpose stated on the form</source>
        <translation>The purpose stated on the form</translation>
    </message>
    <message>
        <source>Who approved it (unit, name)</source>
        <translation>Who approved it (unit, name)</translation>
    </message>
    <message>
        <source>Form number</source>
        <translation>Form number</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>Approver</translation>
    </message>
</context>
<context>
    <name>GrantIssuer</name>
    <message>
        <source>Emergency grant #{id} issued. It ends by itself.</source>
        <translation>Emergency grant #{id} issued. It ends by itself.</translation>
    </message>
    <message>
        <source>Grant #{id} recorded.</source>
        <translation>Grant #{id} recorded.</translation>
    </message>
</context>
<context>
    <name>GrantScopePicker</name>
    <message>
        <source>Search by name, code or location</source>
        <translation>Search by name, code or location</translation>
    </message>
    <message>
        <source>No camera groups</source>
        <translation>No camera groups</translation>
    </message>
    <message>
        <source>Or type camera codes (20 digits) or region codes, separated by spaces</source>
        <translation>Or type camera codes (20 digits) or region codes, separated by spaces</translation>
    </message>
    <message>
        <source>Camera groups:</source>
        <translation>Camera groups:</translation>
    </message>
    <message>
        <source>{name} ({count})</source>
        <translation>{name} ({count})</translation>
    </message>
    <message>
        <source>{name} · {code} · {share} · owner unit: {owner}</source>
        <translation>{name} · {code} · {share} · owner unit: {owner}</translation>
    </message>
    <message>
        <source>Picked: {cameras} camera(s), {regions} region(s), {groups} camera group(s)</source>
        <translation>Picked: {cameras} camera(s), {regions} region(s), {groups} camera group(s)</translation>
    </message>
    <message>
        <source>{count} of them not shared: an ordinary grant opens them only for their owner unit</source>
        <translation>{count} of them not shared: an ordinary grant opens them only for their owner unit</translation>
    </message>
    <message>
        <source>Not a camera or region code: {codes}</source>
        <translation>Not a camera or region code: {codes}</translation>
    </message>
    <message>
        <source>At most {max} in one grant; pick a region or a camera group instead</source>
        <translation>At most {max} in one grant; pick a region or a camera group instead</translation>
    </message>
</context>
<context>
    <name>GrantText</name>
    <message>
        <source>Not started</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>In force</source>
        <translation>In force</translation>
    </message>
    <message>
        <source>Expiring soon</source>
        <translation>Expiring soon</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>Live view</source>
        <translation>Live view</translation>
    </message>
    <message>
        <source>PTZ</source>
        <translation>PTZ</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>Playback</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Camera {value}</source>
        <translation>Camera {value}</translation>
    </message>
    <message>
        <source>Camera group {value}</source>
        <translation>Camera group {value}</translation>
    </message>
    <message>
        <source>Region {value}</source>
        <translation>Region {value}</translation>
    </message>
    <message>
        <source>Current (in force, expiring, not started)</source>
        <translation>Current (in force, expiring, not started)</translation>
    </message>
    <message>
        <source>Ended (expired or revoked)</source>
        <translation>Ended (expired or revoked)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Grant to</source>
        <translation>Grant to</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <source>Rights</source>
        <translation>Rights</translation>
    </message>
    <message>
        <source>Issue grant</source>
        <translation>Issue grant</translation>
    </message>
</context>
<context>
    <name>GrantsDialog</name>
    <message>
        <source>Grants</source>
        <translation>Grants</translation>
    </message>
    <message>
        <source>Every unit</source>
        <translation>Every unit</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Granted to</source>
        <translation>Granted to</translation>
    </message>
    <message>
        <source>Cameras</source>
        <translation>Cameras</translation>
    </message>
    <message>
        <source>Rights</source>
        <translation>Rights</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Purpose / reason</source>
        <translation>Purpose / reason</translation>
    </message>
    <message>
        <source>Approver</source>
        <translation>Approver</translation>
    </message>
    <message>
        <source>Form number</source>
        <translation>Form number</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Revoked</translation>
    </message>
    <message>
        <source>Emergency grant…</source>
        <translation>Emergency grant…</translation>
    </message>
    <message>
        <source>Grant from a form…</source>
        <translation>Grant from a form…</translation>
    </message>
    <message>
        <source>Revoke…</source>
        <translation>Revoke…</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Emergency</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <source>Approved form</source>
        <translation>Approved form</translation>
    </message>
    <message>
        <source>{when} by {who}: {reason}</source>
        <translation>{when} by {who}: {reason}</translation>
    </message>
    <message numerus="yes">
        <source>%n grant(s)</source>
        <translation>
            <numerusform>%n grant</numerusform>
            <numerusform>%n grants</numerusform>
        </translation>
    </message>
    <message>
        <source>Grant #{id} issued.</source>
        <translation>Grant #{id} issued.</translation>
    </message>
    <message>
        <source>Grant #{id} revoked.</source>
        <translation>Grant #{id} revoked.</translation>
    </message>
</context>
<context>
    <name>HandoverDialog</name>
    <message>
        <source>Shift handover</source>
        <translation>Shift handover</translation>
    </message>
    <message>
        <source>Note for the next shift</source>
        <translation>Note for the next shift</translation>
    </message>
    <message>
        <source>Sign and hand over</source>
        <translation>Sign and hand over</translation>
    </message>
    <message>
        <source>Hand over my shift</source>
        <translation>Hand over my shift</translation>
    </message>
    <message>
        <source>Shift</source>
        <translation>Shift</translation>
    </message>
    <message>
        <source>Handed over</source>
        <translation>Handed over</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Shifts</source>
        <translation>Shifts</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Signed by</translation>
    </message>
    <message>
        <source>Signed</source>
        <translation>Signed</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Reason for refusal</source>
        <translation>Reason for refusal</translation>
    </message>
    <message>
        <source>Why it is refused (required to refuse)</source>
        <translation>Why it is refused (required to refuse)</translation>
    </message>
    <message>
        <source>Accept</source>
        <translation>Accept</translation>
    </message>
    <message>
        <source>Refuse</source>
        <translation>Refuse</translation>
    </message>
    <message>
        <source>Handovers of my shifts</source>
        <translation>Handovers of my shifts</translation>
    </message>
    <message>
        <source>To shift #{id}</source>
        <translation>To shift #{id}</translation>
    </message>
    <message>
        <source>The unit has no next shift on the roster yet.</source>
        <translation>The unit has no next shift on the roster yet.</translation>
    </message>
    <message>
        <source>Handover #{id} signed; it waits for the next shift.</source>
        <translation>Handover #{id} signed; it waits for the next shift.</translation>
    </message>
    <message>
        <source>Say why the handover is refused.</source>
        <translation>Say why the handover is refused.</translation>
    </message>
    <message>
        <source>Handover #{id}: {state}.</source>
        <translation>Handover #{id}: {state}.</translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <source>Screen locked — {name} ({account})</source>
        <translation>Screen locked — {name} ({account})</translation>
    </message>
    <message>
        <source>Enter the password of {account} to unlock.</source>
        <translation>Enter the password of {account} to unlock.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Unlock</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Enter the password.</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Video Sharing Console — Log in</source>
        <translation>Video Sharing Console — Log in</translation>
    </message>
    <message>
        <source>Video Sharing Console</source>
        <translation>Video Sharing Console</translation>
    </message>
    <message>
        <source>City public-video sharing platform · dedicated terminal</source>
        <translation>City public-video sharing platform · dedicated terminal</translation>
    </message>
    <message>
        <source>Personal account</source>
        <translation>Personal account</translation>
    </message>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Log in</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>This terminal</source>
        <translation>This terminal</translation>
    </message>
    <message>
        <source>Detecting…</source>
        <translation>Detecting…</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>IP address</source>
        <translation>IP address</translation>
    </message>
    <message>
        <source>MAC address</source>
        <translation>MAC address</translation>
    </message>
    <message>
        <source>Network interface</source>
        <translation>Network interface</translation>
    </message>
    <message>
        <source>Identity unavailable</source>
        <translation>Identity unavailable</translation>
    </message>
    <message>
        <source>Unregistered terminal</source>
        <translation>Unregistered terminal</translation>
    </message>
    <message>
        <source>Demo centre — password for every account: {password}</source>
        <translation>Demo centre — password for every account: {password}</translation>
    </message>
    <message>
        <source>{name} · {role}</source>
        <translation>{name} · {role}</translation>
    </message>
    <message>
        <source>Enter the account.</source>
        <translation>Enter the account.</translation>
    </message>
    <message>
        <source>Enter the password.</source>
        <translation>Enter the password.</translation>
    </message>
    <message>
        <source>Logging in…</source>
        <translation>Logging in…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Video Sharing Console — {name} ({account})</source>
        <translation>Video Sharing Console — {name} ({account})</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>Session ended</translation>
    </message>
    <message>
        <source>Log in again to continue.</source>
        <translation>Log in again to continue.</translation>
    </message>
</context>
<context>
    <name>ManagementMenu</name>
    <message>
        <source>Management</source>
        <translation>Management</translation>
    </message>
    <message>
        <source>Grants…</source>
        <translation>Grants…</translation>
    </message>
    <message>
        <source>Emergency grant…</source>
        <translation>Emergency grant…</translation>
    </message>
    <message>
        <source>Camera catalogue…</source>
        <translation>Camera catalogue…</translation>
    </message>
    <message>
        <source>Platform catalogue sync…</source>
        <translation>Platform catalogue sync…</translation>
    </message>
    <message>
        <source>Usage register…</source>
        <translation>Usage register…</translation>
    </message>
    <message>
        <source>Fault reports…</source>
        <translation>Fault reports…</translation>
    </message>
    <message>
        <source>Online rates…</source>
        <translation>Online rates…</translation>
    </message>
</context>
<context>
    <name>NoticeBar</name>
    <message>
        <source>Recent notices</source>
        <translation>Recent notices</translation>
    </message>
</context>
<context>
    <name>OnlineRateDialog</name>
    <message>
        <source>Online rates</source>
        <translation>Online rates</translation>
    </message>
    <message>
        <source>Day</source>
        <translation>Day</translation>
    </message>
    <message>
        <source>Week</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>By unit</source>
        <translation>By unit</translation>
    </message>
    <message>
        <source>By region</source>
        <translation>By region</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Online now</source>
        <translation>Online now</translation>
    </message>
    <message>
        <source>Rate now</source>
        <translation>Rate now</translation>
    </message>
    <message>
        <source>Online hours / expected hours</source>
        <translation>Online hours / expected hours</translation>
    </message>
    <message>
        <source>Time-weighted rate</source>
        <translation>Time-weighted rate</translation>
    </message>
    <message>
        <source>Target {target}</source>
        <translation>Target {target}</translation>
    </message>
    <message>
        <source>No cameras.</source>
        <translation>No cameras.</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>{start} to {end}: {online} of {total} cameras online now ({now}); time-weighted {weighted}; target {target}.</source>
        <translation>{start} to {end}: {online} of {total} cameras online now ({now}); time-weighted {weighted}; target {target}.</translation>
    </message>
</context>
<context>
    <name>OpeningTexts</name>
    <message>
        <source>{camera}: {reason}</source>
        <translation>{camera}: {reason}</translation>
    </message>
    <message>
        <source>{camera}: the view could not be opened. {reason}</source>
        <translation>{camera}: the view could not be opened. {reason}</translation>
    </message>
</context>
<context>
    <name>OutputGuards</name>
    <message>
        <source>The centre answers again: video is shown again.</source>
        <translation>The centre answers again: video is shown again.</translation>
    </message>
    <message>
        <source>Screenshots are not permitted ({key} was blocked).</source>
        <translation>Screenshots are not permitted ({key} was blocked).</translation>
    </message>
</context>
<context>
    <name>OutputRow</name>
    <message>
        <source>Layout of this wall output</source>
        <translation>Layout of this wall output</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Clear</translation>
    </message>
    <message>
        <source>Close every view on this wall output</source>
        <translation>Close every view on this wall output</translation>
    </message>
    <message>
        <source>Show window</source>
        <translation>Show window</translation>
    </message>
    <message>
        <source>Show the test output&apos;s window</source>
        <translation>Show the test output&apos;s window</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>Change password</source>
        <translation>Change password</translation>
    </message>
    <message>
        <source>New password for {account}</source>
        <translation>New password for {account}</translation>
    </message>
    <message>
        <source>At least {min_length} characters, using three of: lower-case letters, upper-case letters, digits, symbols. It must not contain the account name.</source>
        <translation>At least {min_length} characters, using three of: lower-case letters, upper-case letters, digits, symbols. It must not contain the account name.</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>Current password</translation>
    </message>
    <message>
        <source>New password</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>Confirm new password</source>
        <translation>Confirm new password</translation>
    </message>
    <message>
        <source>Enter the current password.</source>
        <translation>Enter the current password.</translation>
    </message>
    <message>
        <source>Enter the new password.</source>
        <translation>Enter the new password.</translation>
    </message>
    <message>
        <source>The two new passwords do not match.</source>
        <translation>The two new passwords do not match.</translation>
    </message>
</context>
<context>
    <name>PlatformSyncDialog</name>
    <message>
        <source>Platform catalogue sync</source>
        <translation>Platform catalogue sync</translation>
    </message>
    <message>
        <source>The centre reads every device and channel and the region and business-group trees from the city platform and applies them in one step: all or nothing. Cameras no longer on the platform are listed and left as they are.</source>
        <translation>The centre reads every device and channel and the region and business-group trees from the city platform and applies them in one step: all or nothing. Cameras no longer on the platform are listed and left as they are.</translation>
    </message>
    <message>
        <source>Check only</source>
        <translation>Check only</translation>
    </message>
    <message>
        <source>Ask the platform and show what a sync would change, writing nothing</source>
        <translation>Ask the platform and show what a sync would change, writing nothing</translation>
    </message>
    <message>
        <source>Synchronise</source>
        <translation>Synchronise</translation>
    </message>
    <message>
        <source>Asking the city platform…</source>
        <translation>Asking the city platform…</translation>
    </message>
    <message>
        <source>Not synchronised: {reason}</source>
        <translation>Not synchronised: {reason}</translation>
    </message>
    <message>
        <source>{platform}: {devices} device(s); cameras {added} added, {changed} changed, {unchanged} unchanged, {gone} gone; {online} came online, {offline} went offline.</source>
        <translation>{platform}: {devices} device(s); cameras {added} added, {changed} changed, {unchanged} unchanged, {gone} gone; {online} came online, {offline} went offline.</translation>
    </message>
    <message>
        <source>Check only, nothing written: {summary}</source>
        <translation>Check only, nothing written: {summary}</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Gone (no longer on the platform, left as they are)</source>
        <translation>Gone (no longer on the platform, left as they are)</translation>
    </message>
    <message>
        <source>… and {n} more</source>
        <translation>… and {n} more</translation>
    </message>
    <message>
        <source>No camera added, changed or gone.</source>
        <translation>No camera added, changed or gone.</translation>
    </message>
</context>
<context>
    <name>PlayerFailure</name>
    <message>
        <source>the camera did not answer in time</source>
        <translation>the camera did not answer in time</translation>
    </message>
    <message>
        <source>the connection was refused</source>
        <translation>the connection was refused</translation>
    </message>
    <message>
        <source>no stream was found at its address</source>
        <translation>no stream was found at its address</translation>
    </message>
    <message>
        <source>the camera refused the credentials</source>
        <translation>the camera refused the credentials</translation>
    </message>
    <message>
        <source>the camera&apos;s address cannot be reached</source>
        <translation>the camera&apos;s address cannot be reached</translation>
    </message>
    <message>
        <source>the stream broke off</source>
        <translation>the stream broke off</translation>
    </message>
    <message>
        <source>no picture arrived</source>
        <translation>no picture arrived</translation>
    </message>
    <message>
        <source>no decoder on this terminal can play it</source>
        <translation>no decoder on this terminal can play it</translation>
    </message>
    <message>
        <source>the stream failed</source>
        <translation>the stream failed</translation>
    </message>
    <message>
        <source>{cause}; next try in {seconds} s</source>
        <translation>{cause}; next try in {seconds} s</translation>
    </message>
</context>
<context>
    <name>PresetPurposeDialog</name>
    <message>
        <source>Purpose of this wall preset</source>
        <translation>Purpose of this wall preset</translation>
    </message>
    <message>
        <source>Preset {name}</source>
        <translation>Preset {name}</translation>
    </message>
    <message>
        <source>These monitoring points may be used only for an approved purpose. State the purpose of showing them on the wall; it is kept in the usage register with each view.</source>
        <translation>These monitoring points may be used only for an approved purpose. State the purpose of showing them on the wall; it is kept in the usage register with each view.</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>PrivacyMaskDialog</name>
    <message>
        <source>Privacy masks</source>
        <translation>Privacy masks</translation>
    </message>
    <message>
        <source>Privacy masks — {name} ({code})</source>
        <translation>Privacy masks — {name} ({code})</translation>
    </message>
    <message>
        <source>Click to add the corners of an area to hide; double-click or press Enter to close it. Click an area to select it; Delete removes it. The areas are hidden in every output, for every role that is not exempt.</source>
        <translation>Click to add the corners of an area to hide; double-click or press Enter to close it. Click an area to select it; Delete removes it. The areas are hidden in every output, for every role that is not exempt.</translation>
    </message>
    <message>
        <source>Waiting for the picture…</source>
        <translation>Waiting for the picture…</translation>
    </message>
    <message>
        <source>Delete area</source>
        <translation>Delete area</translation>
    </message>
    <message>
        <source>Clear all</source>
        <translation>Clear all</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Areas: {count} of at most {max}</source>
        <translation>Areas: {count} of at most {max}</translation>
    </message>
    <message>
        <source>An area needs at least {min} corners.</source>
        <translation>An area needs at least {min} corners.</translation>
    </message>
    <message>
        <source>These corners enclose no area: place them around the part to hide.</source>
        <translation>These corners enclose no area: place them around the part to hide.</translation>
    </message>
    <message>
        <source>At most {max} areas per camera.</source>
        <translation>At most {max} areas per camera.</translation>
    </message>
</context>
<context>
    <name>PtzDesk</name>
    <message>
        <source>PTZ control of {camera} taken over from {name} (higher priority).</source>
        <translation>PTZ control of {camera} taken over from {name} (higher priority).</translation>
    </message>
    <message>
        <source>PTZ control failed: {reason}</source>
        <translation>PTZ control failed: {reason}</translation>
    </message>
    <message>
        <source>PTZ is controlled by {name} (same or higher priority).</source>
        <translation>PTZ is controlled by {name} (same or higher priority).</translation>
    </message>
    <message>
        <source>PTZ control refused: {reason}</source>
        <translation>PTZ control refused: {reason}</translation>
    </message>
    <message>
        <source>PTZ control was taken over by {name} (higher priority).</source>
        <translation>PTZ control was taken over by {name} (higher priority).</translation>
    </message>
    <message>
        <source>PTZ control ended after {seconds} s without a command; the camera returns to its home position.</source>
        <translation>PTZ control ended after {seconds} s without a command; the camera returns to its home position.</translation>
    </message>
    <message>
        <source>PTZ control ended: {reason}</source>
        <translation>PTZ control ended: {reason}</translation>
    </message>
    <message>
        <source>{camera} is back at its home position (verified).</source>
        <translation>{camera} is back at its home position (verified).</translation>
    </message>
    <message>
        <source>{camera} is back at its home position (verified by its picture).</source>
        <translation>{camera} is back at its home position (verified by its picture).</translation>
    </message>
    <message>
        <source>{camera} was sent home (commanded, not verified: this camera reports no position).</source>
        <translation>{camera} was sent home (commanded, not verified: this camera reports no position).</translation>
    </message>
    <message>
        <source>{camera} did NOT return home: {detail}. The centre is alerted; the console keeps retrying.</source>
        <translation>{camera} did NOT return home: {detail}. The centre is alerted; the console keeps retrying.</translation>
    </message>
</context>
<context>
    <name>PtzDock</name>
    <message>
        <source>PTZ control</source>
        <translation>PTZ control</translation>
    </message>
</context>
<context>
    <name>PtzEndedText</name>
    <message>
        <source>PTZ control of {code} ended: this console stopped answering the centre, so the centre sent the camera home.</source>
        <translation>PTZ control of {code} ended: this console stopped answering the centre, so the centre sent the camera home.</translation>
    </message>
    <message>
        <source>PTZ control of {code} ended: the centre&apos;s sweep sent the camera home after this console stopped answering.</source>
        <translation>PTZ control of {code} ended: the centre&apos;s sweep sent the camera home after this console stopped answering.</translation>
    </message>
    <message>
        <source>PTZ control of {code} ended: {name} sent the camera home from this terminal ({terminal}).</source>
        <translation>PTZ control of {code} ended: {name} sent the camera home from this terminal ({terminal}).</translation>
    </message>
    <message>
        <source>PTZ control of {code} ended: {name} sent the camera home from terminal {terminal}.</source>
        <translation>PTZ control of {code} ended: {name} sent the camera home from terminal {terminal}.</translation>
    </message>
</context>
<context>
    <name>PtzPanel</name>
    <message>
        <source>Stop</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>Zoom in (hold)</source>
        <translation>Zoom in (hold)</translation>
    </message>
    <message>
        <source>Zoom out (hold)</source>
        <translation>Zoom out (hold)</translation>
    </message>
    <message>
        <source>Zoom</source>
        <translation>Zoom</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Speed</translation>
    </message>
    <message>
        <source>Presets (double-click to go)</source>
        <translation>Presets (double-click to go)</translation>
    </message>
    <message>
        <source>On the video: press and hold to move towards the pointer, wheel to zoom; arrow keys and +/− while the video or this panel has focus. Releasing control, closing the view or {seconds} s without a command sends the camera back to its home position.</source>
        <translation>On the video: press and hold to move towards the pointer, wheel to zoom; arrow keys and +/− while the video or this panel has focus. Releasing control, closing the view or {seconds} s without a command sends the camera back to its home position.</translation>
    </message>
    <message>
        <source>Steering: {name}</source>
        <translation>Steering: {name}</translation>
    </message>
    <message>
        <source>You control this camera.</source>
        <translation>You control this camera.</translation>
    </message>
    <message>
        <source>Connecting to the camera…</source>
        <translation>Connecting to the camera…</translation>
    </message>
    <message>
        <source>Release control</source>
        <translation>Release control</translation>
    </message>
    <message>
        <source>Ends your control: the camera returns to its home position.</source>
        <translation>Ends your control: the camera returns to its home position.</translation>
    </message>
    <message>
        <source>Taking control…</source>
        <translation>Taking control…</translation>
    </message>
    <message>
        <source>No camera selected</source>
        <translation>No camera selected</translation>
    </message>
    <message>
        <source>Not steerable, or no PTZ right on this camera.</source>
        <translation>Not steerable, or no PTZ right on this camera.</translation>
    </message>
    <message>
        <source>Not controlled by you.</source>
        <translation>Not controlled by you.</translation>
    </message>
    <message>
        <source>Take PTZ control</source>
        <translation>Take PTZ control</translation>
    </message>
</context>
<context>
    <name>PurposeDialog</name>
    <message>
        <source>Purpose of this view</source>
        <translation>Purpose of this view</translation>
    </message>
    <message>
        <source>{name} ({code})</source>
        <translation>{name} ({code})</translation>
    </message>
    <message>
        <source>This monitoring point may be used only for an approved purpose. State the purpose of this view; it is kept in the usage register.</source>
        <translation>This monitoring point may be used only for an approved purpose. State the purpose of this view; it is kept in the usage register.</translation>
    </message>
    <message>
        <source>e.g. incident 2026-0153, traffic accident follow-up</source>
        <translation>e.g. incident 2026-0153, traffic accident follow-up</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
</context>
<context>
    <name>ReasonText</name>
    <message>
        <source>Done.</source>
        <translation>Done.</translation>
    </message>
    <message>
        <source>This computer is not a registered terminal.</source>
        <translation>This computer is not a registered terminal.</translation>
    </message>
    <message>
        <source>This account is not authorised to log in from this terminal.</source>
        <translation>This account is not authorised to log in from this terminal.</translation>
    </message>
    <message>
        <source>The network identity (IP and MAC address) of this computer cannot be determined.</source>
        <translation>The network identity (IP and MAC address) of this computer cannot be determined.</translation>
    </message>
    <message>
        <source>Wrong account or password.</source>
        <translation>Wrong account or password.</translation>
    </message>
    <message>
        <source>Wrong password.</source>
        <translation>Wrong password.</translation>
    </message>
    <message>
        <source>The account is locked after repeated wrong passwords.</source>
        <translation>The account is locked after repeated wrong passwords.</translation>
    </message>
    <message>
        <source>This account has been disabled. Contact the system administrator if in doubt.</source>
        <translation>This account has been disabled. Contact the system administrator if in doubt.</translation>
    </message>
    <message>
        <source>The password must be changed before first use (or after it was reset).</source>
        <translation>The password must be changed before first use (or after it was reset).</translation>
    </message>
    <message>
        <source>The password has expired and must be changed.</source>
        <translation>The password has expired and must be changed.</translation>
    </message>
    <message>
        <source>The new password is too weak.</source>
        <translation>The new password is too weak.</translation>
    </message>
    <message>
        <source>The new password must differ from the current one.</source>
        <translation>The new password must differ from the current one.</translation>
    </message>
    <message>
        <source>This account is already logged in on another terminal.</source>
        <translation>This account is already logged in on another terminal.</translation>
    </message>
    <message>
        <source>The session was ended because this console stopped responding.</source>
        <translation>The session was ended because this console stopped responding.</translation>
    </message>
    <message>
        <source>The session has ended.</source>
        <translation>The session has ended.</translation>
    </message>
    <message>
        <source>The session was replaced by a new login on this terminal.</source>
        <translation>The session was replaced by a new login on this terminal.</translation>
    </message>
    <message>
        <source>Logged out.</source>
        <translation>Logged out.</translation>
    </message>
    <message>
        <source>Locked after a period without input.</source>
        <translation>Locked after a period without input.</translation>
    </message>
    <message>
        <source>The session was ended by the system administrator.</source>
        <translation>The session was ended by the system administrator.</translation>
    </message>
    <message>
        <source>You are not permitted to do this.</source>
        <translation>You are not permitted to do this.</translation>
    </message>
    <message>
        <source>This belongs to another unit: a supervisor handles the grants of their own unit only.</source>
        <translation>This belongs to another unit: a supervisor handles the grants of their own unit only.</translation>
    </message>
    <message>
        <source>The input is not valid.</source>
        <translation>The input is not valid.</translation>
    </message>
    <message>
        <source>This record already exists.</source>
        <translation>This record already exists.</translation>
    </message>
    <message>
        <source>The record was not found.</source>
        <translation>The record was not found.</translation>
    </message>
    <message>
        <source>The demo terminal now uses this computer&apos;s network identity.</source>
        <translation>The demo terminal now uses this computer&apos;s network identity.</translation>
    </message>
    <message>
        <source>The catalogue file was rejected; nothing was imported.</source>
        <translation>The catalogue file was rejected; nothing was imported.</translation>
    </message>
    <message>
        <source>This monitoring point is not in the catalogue.</source>
        <translation>This monitoring point is not in the catalogue.</translation>
    </message>
    <message>
        <source>This monitoring point is not shared outside its owner unit.</source>
        <translation>This monitoring point is not shared outside its owner unit.</translation>
    </message>
    <message>
        <source>You hold no grant for this monitoring point.</source>
        <translation>You hold no grant for this monitoring point.</translation>
    </message>
    <message>
        <source>The grant for this monitoring point has expired.</source>
        <translation>The grant for this monitoring point has expired.</translation>
    </message>
    <message>
        <source>The grant for this monitoring point is not valid yet.</source>
        <translation>The grant for this monitoring point is not valid yet.</translation>
    </message>
    <message>
        <source>The grant for this monitoring point was revoked.</source>
        <translation>The grant for this monitoring point was revoked.</translation>
    </message>
    <message>
        <source>A purpose must be given to open this monitoring point.</source>
        <translation>A purpose must be given to open this monitoring point.</translation>
    </message>
    <message>
        <source>The view was closed.</source>
        <translation>The view was closed.</translation>
    </message>
    <message>
        <source>This monitoring point has no stream address in the catalogue.</source>
        <translation>This monitoring point has no stream address in the catalogue.</translation>
    </message>
    <message>
        <source>The camera sends video in a format the centre does not relay (only H.264 and H.265).</source>
        <translation>The camera sends video in a format the centre does not relay (only H.264 and H.265).</translation>
    </message>
    <message>
        <source>The view was closed because the layout has fewer tiles.</source>
        <translation>The view was closed because the layout has fewer tiles.</translation>
    </message>
    <message>
        <source>The view was closed because its wall screen was disconnected.</source>
        <translation>The view was closed because its wall screen was disconnected.</translation>
    </message>
    <message>
        <source>This camera cannot be steered from the console (not a PTZ camera, or no PTZ control address in the catalogue).</source>
        <translation>This camera cannot be steered from the console (not a PTZ camera, or no PTZ control address in the catalogue).</translation>
    </message>
    <message>
        <source>Another operator of the same or a higher priority controls this camera.</source>
        <translation>Another operator of the same or a higher priority controls this camera.</translation>
    </message>
    <message>
        <source>The camera is returning to its home position; try again in a moment.</source>
        <translation>The camera is returning to its home position; try again in a moment.</translation>
    </message>
    <message>
        <source>PTZ control was released.</source>
        <translation>PTZ control was released.</translation>
    </message>
    <message>
        <source>PTZ control was taken over by an operator with a higher priority.</source>
        <translation>PTZ control was taken over by an operator with a higher priority.</translation>
    </message>
    <message>
        <source>PTZ control moved to another view of the same operator.</source>
        <translation>PTZ control moved to another view of the same operator.</translation>
    </message>
    <message>
        <source>PTZ control ended after a while without a command.</source>
        <translation>PTZ control ended after a while without a command.</translation>
    </message>
    <message>
        <source>PTZ control ended because its view was closed.</source>
        <translation>PTZ control ended because its view was closed.</translation>
    </message>
    <message>
        <source>The console controlling the camera stopped answering; another console sent the camera home.</source>
        <translation>The console controlling the camera stopped answering; another console sent the camera home.</translation>
    </message>
    <message>
        <source>PTZ control ended because the console was closed.</source>
        <translation>PTZ control ended because the console was closed.</translation>
    </message>
    <message>
        <source>The camera did not answer the PTZ command or refused it.</source>
        <translation>The camera did not answer the PTZ command or refused it.</translation>
    </message>
    <message>
        <source>The camera was sent home, but its picture does not match its reference picture at home.</source>
        <translation>The camera was sent home, but its picture does not match its reference picture at home.</translation>
    </message>
    <message>
        <source>No picture could be had from the camera.</source>
        <translation>No picture could be had from the camera.</translation>
    </message>
    <message>
        <source>The console is locked; unlock it with your password first.</source>
        <translation>The console is locked; unlock it with your password first.</translation>
    </message>
    <message>
        <source>This computer is not an enrolled terminal of the centre.</source>
        <translation>This computer is not an enrolled terminal of the centre.</translation>
    </message>
    <message>
        <source>The centre does not know this terminal&apos;s certificate (it was enrolled again elsewhere, or the centre was reinstalled).</source>
        <translation>The centre does not know this terminal&apos;s certificate (it was enrolled again elsewhere, or the centre was reinstalled).</translation>
    </message>
    <message>
        <source>The centre has revoked this terminal&apos;s enrolment.</source>
        <translation>The centre has revoked this terminal&apos;s enrolment.</translation>
    </message>
    <message>
        <source>The centre sees this terminal connect from an address that is not its registered IP address.</source>
        <translation>The centre sees this terminal connect from an address that is not its registered IP address.</translation>
    </message>
    <message>
        <source>The MAC address of this computer is not the terminal&apos;s registered one.</source>
        <translation>The MAC address of this computer is not the terminal&apos;s registered one.</translation>
    </message>
    <message>
        <source>This session belongs to another terminal.</source>
        <translation>This session belongs to another terminal.</translation>
    </message>
    <message>
        <source>Log in first.</source>
        <translation>Log in first.</translation>
    </message>
    <message>
        <source>The enrolment code is unknown, used, expired or mistyped.</source>
        <translation>The enrolment code is unknown, used, expired or mistyped.</translation>
    </message>
    <message>
        <source>This terminal&apos;s software is older than the centre allows.</source>
        <translation>This terminal&apos;s software is older than the centre allows.</translation>
    </message>
    <message>
        <source>The request is too large.</source>
        <translation>The request is too large.</translation>
    </message>
    <message>
        <source>The centre does not offer this function (check the versions).</source>
        <translation>The centre does not offer this function (check the versions).</translation>
    </message>
    <message>
        <source>The centre failed to carry this out; it has logged the error.</source>
        <translation>The centre failed to carry this out; it has logged the error.</translation>
    </message>
    <message>
        <source>The view was closed because this console stopped confirming it.</source>
        <translation>The view was closed because this console stopped confirming it.</translation>
    </message>
    <message>
        <source>The centre knows no such view.</source>
        <translation>The centre knows no such view.</translation>
    </message>
    <message>
        <source>The centre cannot be reached.</source>
        <translation>The centre cannot be reached.</translation>
    </message>
    <message>
        <source>The shift was approved by its supervisor and is locked: nothing can be added or corrected.</source>
        <translation>The shift was approved by its supervisor and is locked: nothing can be added or corrected.</translation>
    </message>
    <message>
        <source>You are not on this shift&apos;s duty roster.</source>
        <translation>You are not on this shift&apos;s duty roster.</translation>
    </message>
    <message>
        <source>No city video platform is set up on the centre.</source>
        <translation>No city video platform is set up on the centre.</translation>
    </message>
    <message>
        <source>The city video platform cannot be reached.</source>
        <translation>The city video platform cannot be reached.</translation>
    </message>
    <message>
        <source>The city video platform did not answer in time.</source>
        <translation>The city video platform did not answer in time.</translation>
    </message>
    <message>
        <source>The city video platform gave an answer that cannot be read.</source>
        <translation>The city video platform gave an answer that cannot be read.</translation>
    </message>
    <message>
        <source>The city video platform refused the centre&apos;s account.</source>
        <translation>The city video platform refused the centre&apos;s account.</translation>
    </message>
    <message>
        <source>The device did not answer the city video platform in time.</source>
        <translation>The device did not answer the city video platform in time.</translation>
    </message>
    <message>
        <source>The city video platform could not carry this out.</source>
        <translation>The city video platform could not carry this out.</translation>
    </message>
    <message>
        <source>The city video platform refused the request.</source>
        <translation>The city video platform refused the request.</translation>
    </message>
    <message>
        <source>The city video platform does not know this device or channel.</source>
        <translation>The city video platform does not know this device or channel.</translation>
    </message>
    <message>
        <source>The city video platform reported an internal error.</source>
        <translation>The city video platform reported an internal error.</translation>
    </message>
    <message>
        <source>The city video platform gave no stream address for this camera.</source>
        <translation>The city video platform gave no stream address for this camera.</translation>
    </message>
    <message>
        <source>Give its IP address {ip} and MAC address {mac} to the system administrator to have it registered.</source>
        <translation>Give its IP address {ip} and MAC address {mac} to the system administrator to have it registered.</translation>
    </message>
    <message>
        <source>Terminal: {terminal}. Ask the system administrator to bind the account to it.</source>
        <translation>Terminal: {terminal}. Ask the system administrator to bind the account to it.</translation>
    </message>
    <message>
        <source>Check the network connection. ({error})</source>
        <translation>Check the network connection. ({error})</translation>
    </message>
    <message>
        <source>Give its IP address {ip} and MAC address {mac} to the system administrator to have it registered, then enrol it with the code you receive.</source>
        <translation>Give its IP address {ip} and MAC address {mac} to the system administrator to have it registered, then enrol it with the code you receive.</translation>
    </message>
    <message>
        <source>Ask the system administrator for a new enrolment code.</source>
        <translation>Ask the system administrator for a new enrolment code.</translation>
    </message>
    <message>
        <source>Ask the system administrator why, and for a new enrolment code.</source>
        <translation>Ask the system administrator why, and for a new enrolment code.</translation>
    </message>
    <message>
        <source>It connects from {ip}. Ask the system administrator to check the registration.</source>
        <translation>It connects from {ip}. Ask the system administrator to check the registration.</translation>
    </message>
    <message>
        <source>It reports {mac}. Ask the system administrator to check the registration.</source>
        <translation>It reports {mac}. Ask the system administrator to check the registration.</translation>
    </message>
    <message>
        <source>This terminal runs version {version}; the centre needs {minimum} or later. Ask the installer to update it.</source>
        <translation>This terminal runs version {version}; the centre needs {minimum} or later. Ask the installer to update it.</translation>
    </message>
    <message>
        <source>Nothing answers at {address}: the centre server is not running there, or a firewall refuses the connection.</source>
        <translation>Nothing answers at {address}: the centre server is not running there, or a firewall refuses the connection.</translation>
    </message>
    <message>
        <source>{address} did not answer in time: check the network and that the centre server is running.</source>
        <translation>{address} did not answer in time: check the network and that the centre server is running.</translation>
    </message>
    <message>
        <source>The secure connection to {address} failed: the centre or this terminal is not the enrolled one. Ask the system administrator.</source>
        <translation>The secure connection to {address} failed: the centre or this terminal is not the enrolled one. Ask the system administrator.</translation>
    </message>
    <message>
        <source>{address} answered, but not as the centre: check the centre address this terminal was enrolled with.</source>
        <translation>{address} answered, but not as the centre: check the centre address this terminal was enrolled with.</translation>
    </message>
    <message>
        <source>The network to {address} failed: check the connection.</source>
        <translation>The network to {address} failed: check the connection.</translation>
    </message>
    <message>
        <source>{remaining} more wrong attempt(s) will lock the account.</source>
        <translation>{remaining} more wrong attempt(s) will lock the account.</translation>
    </message>
    <message>
        <source>Try again after {until}, or ask the system administrator to reset the password.</source>
        <translation>Try again after {until}, or ask the system administrator to reset the password.</translation>
    </message>
    <message>
        <source>The live session is on terminal {terminal} ({ip}), logged in at {since}. Log out there first.</source>
        <translation>The live session is on terminal {terminal} ({ip}), logged in at {since}. Log out there first.</translation>
    </message>
    <message>
        <source>It ended at {until}.</source>
        <translation>It ended at {until}.</translation>
    </message>
    <message>
        <source>It starts at {valid_from}.</source>
        <translation>It starts at {valid_from}.</translation>
    </message>
    <message>
        <source>Revoked at {revoked_at}.</source>
        <translation>Revoked at {revoked_at}.</translation>
    </message>
    <message>
        <source>Reason given: {revoke_reason}</source>
        <translation>Reason given: {revoke_reason}</translation>
    </message>
    <message>
        <source>It needs at least {min_length} characters.</source>
        <translation>It needs at least {min_length} characters.</translation>
    </message>
    <message>
        <source>It must use three of: lower-case letters, upper-case letters, digits, symbols.</source>
        <translation>It must use three of: lower-case letters, upper-case letters, digits, symbols.</translation>
    </message>
    <message>
        <source>It must not contain the account name.</source>
        <translation>It must not contain the account name.</translation>
    </message>
    <message>
        <source>Duty officer</source>
        <translation>Duty officer</translation>
    </message>
    <message>
        <source>Wall operator</source>
        <translation>Wall operator</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Supervisor</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
    <message>
        <source>Refused ({code}).</source>
        <translation>Refused ({code}).</translation>
    </message>
    <message>
        <source>An unexpected error occurred; it is written to the console&apos;s log.</source>
        <translation>An unexpected error occurred; it is written to the console&apos;s log.</translation>
    </message>
</context>
<context>
    <name>RegisterDialog</name>
    <message>
        <source>Usage register</source>
        <translation>Usage register</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>Records</translation>
    </message>
    <message>
        <source>Leak trace</source>
        <translation>Leak trace</translation>
    </message>
    <message>
        <source>Anyone</source>
        <translation>Anyone</translation>
    </message>
    <message>
        <source>Terminal name, e.g. T-0042</source>
        <translation>Terminal name, e.g. T-0042</translation>
    </message>
    <message>
        <source>Camera code (20 digits)</source>
        <translation>Camera code (20 digits)</translation>
    </message>
    <message>
        <source>Any action</source>
        <translation>Any action</translation>
    </message>
    <message>
        <source>Any outcome</source>
        <translation>Any outcome</translation>
    </message>
    <message>
        <source>Allowed</source>
        <translation>Allowed</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>Purpose contains…</source>
        <translation>Purpose contains…</translation>
    </message>
    <message>
        <source>From</source>
        <translation>From</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Until</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Terminal</source>
        <translation>Terminal</translation>
    </message>
    <message>
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Select a record to see its details.</source>
        <translation>Select a record to see its details.</translation>
    </message>
    <message>
        <source>Show older records</source>
        <translation>Show older records</translation>
    </message>
    <message>
        <source>{shown} of {total} matching records shown</source>
        <translation>{shown} of {total} matching records shown</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Record</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
    <message>
        <source>Type the session code shown in the watermark of a leaked photo or screen recording: the register names who was logged in, on which terminal, when, and which cameras that session showed. Every trace is registered.</source>
        <translation>Type the session code shown in the watermark of a leaked photo or screen recording: the register names who was logged in, on which terminal, when, and which cameras that session showed. Every trace is registered.</translation>
    </message>
    <message>
        <source>Session code, e.g. 4P7KB4</source>
        <translation>Session code, e.g. 4P7KB4</translation>
    </message>
    <message>
        <source>Trace</source>
        <translation>Trace</translation>
    </message>
    <message>
        <source>Session code</source>
        <translation>Session code</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>Where</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>still open</source>
        <translation>still open</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Shown on</source>
        <translation>Shown on</translation>
    </message>
    <message>
        <source>Opened</source>
        <translation>Opened</translation>
    </message>
    <message>
        <source>Closed</source>
        <translation>Closed</translation>
    </message>
    <message>
        <source>Why closed</source>
        <translation>Why closed</translation>
    </message>
    <message>
        <source>Cameras this session showed</source>
        <translation>Cameras this session showed</translation>
    </message>
    <message>
        <source>Wall: {output}</source>
        <translation>Wall: {output}</translation>
    </message>
    <message>
        <source>Desk</source>
        <translation>Desk</translation>
    </message>
    <message>
        <source>still logged in</source>
        <translation>still logged in</translation>
    </message>
</context>
<context>
    <name>RevokeDialog</name>
    <message>
        <source>Revoke grant</source>
        <translation>Revoke grant</translation>
    </message>
    <message>
        <source>Revoke grant #{id}: {what}. Views it opened close within seconds.</source>
        <translation>Revoke grant #{id}: {what}. Views it opened close within seconds.</translation>
    </message>
    <message>
        <source>Reason (required)</source>
        <translation>Reason (required)</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Revoke</translation>
    </message>
</context>
<context>
    <name>RightText</name>
    <message>
        <source>Live view</source>
        <translation>Live view</translation>
    </message>
    <message>
        <source>PTZ control</source>
        <translation>PTZ control</translation>
    </message>
    <message>
        <source>Playback</source>
        <translation>Playback</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>{right} until {until}</source>
        <translation>{right} until {until}</translation>
    </message>
    <message>
        <source>{right} (no end)</source>
        <translation>{right} (no end)</translation>
    </message>
</context>
<context>
    <name>SessionRestore</name>
    <message>
        <source>Not reopened from the last session (no longer permitted): {cameras}</source>
        <translation>Not reopened from the last session (no longer permitted): {cameras}</translation>
    </message>
</context>
<context>
    <name>StreamFeeder</name>
    <message>
        <source>The stream address could not be read: {error}</source>
        <translation>The stream address could not be read: {error}</translation>
    </message>
</context>
<context>
    <name>StreamState</name>
    <message>
        <source>Idle</source>
        <translation>Idle</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>Connecting</translation>
    </message>
    <message>
        <source>Live</source>
        <translation>Live</translation>
    </message>
    <message>
        <source>Reconnecting</source>
        <translation>Reconnecting</translation>
    </message>
    <message>
        <source>Stalled</source>
        <translation>Stalled</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>No permission</source>
        <translation>No permission</translation>
    </message>
    <message>
        <source>Ended</source>
        <translation>Ended</translation>
    </message>
    <message>
        <source>main stream</source>
        <translation>main stream</translation>
    </message>
    <message>
        <source>sub stream</source>
        <translation>sub stream</translation>
    </message>
</context>
<context>
    <name>SystemDialogs</name>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
    <message>
        <source>Change password…</source>
        <translation>Change password…</translation>
    </message>
    <message>
        <source>Lock screen</source>
        <translation>Lock screen</translation>
    </message>
    <message>
        <source>Log out</source>
        <translation>Log out</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message numerus="yes">
        <source>%n open view(s) will be closed.</source>
        <translation>
            <numerusform>%n open view will be closed.</numerusform>
            <numerusform>%n open views will be closed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Continue?</source>
        <translation>Continue?</translation>
    </message>
    <message>
        <source>Video Sharing Console</source>
        <translation>Video Sharing Console</translation>
    </message>
    <message>
        <source>Version {version}

Terminal: {terminal} ({location})
IP address: {ip}
MAC address: {mac}
Network interface: {interface}
Session: {code}
Screen capture protection: {capture}</source>
        <translation>Version {version}

Terminal: {terminal} ({location})
IP address: {ip}
MAC address: {mac}
Network interface: {interface}
Session: {code}
Screen capture protection: {capture}</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>The password was changed.</translation>
    </message>
</context>
<context>
    <name>VideoArea</name>
    <message>
        <source>Layout</source>
        <translation>Layout</translation>
    </message>
    <message numerus="yes">
        <source>%n tile(s)</source>
        <translation>
            <numerusform>%n tile</numerusform>
            <numerusform>%n tiles</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n tiles, one large</source>
        <translation>
            <numerusform>%n tiles, one large</numerusform>
            <numerusform>%n tiles, one large</numerusform>
        </translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Maximise</source>
        <translation>Maximise</translation>
    </message>
    <message>
        <source>Details…</source>
        <translation>Details…</translation>
    </message>
    <message>
        <source>Close this view</source>
        <translation>Close this view</translation>
    </message>
    <message>
        <source>View details</source>
        <translation>View details</translation>
    </message>
    <message>
        <source>Edit privacy masks…</source>
        <translation>Edit privacy masks…</translation>
    </message>
    <message>
        <source>{camera}: privacy masks saved ({count}).</source>
        <translation>{camera}: privacy masks saved ({count}).</translation>
    </message>
    <message>
        <source>The privacy masks were not saved: {error}</source>
        <translation>The privacy masks were not saved: {error}</translation>
    </message>
</context>
<context>
    <name>VideoTile</name>
    <message>
        <source>Close this view</source>
        <translation>Close this view</translation>
    </message>
    <message>
        <source>Purpose: {purpose}</source>
        <translation>Purpose: {purpose}</translation>
    </message>
    <message>
        <source>{right}, no end time</source>
        <translation>{right}, no end time</translation>
    </message>
    <message>
        <source>{right} until {until}</source>
        <translation>{right} until {until}</translation>
    </message>
    <message>
        <source>Dismiss this notice</source>
        <translation>Dismiss this notice</translation>
    </message>
    <message>
        <source>Opening…</source>
        <translation>Opening…</translation>
    </message>
    <message>
        <source>Drag a monitoring point here to play</source>
        <translation>Drag a monitoring point here to play</translation>
    </message>
    <message>
        <source>No new picture: the stream has stalled.</source>
        <translation>No new picture: the stream has stalled.</translation>
    </message>
    <message>
        <source>The stream dropped; reconnecting… {detail}</source>
        <translation>The stream dropped; reconnecting… {detail}</translation>
    </message>
    <message>
        <source>The camera cannot be reached; retrying… {detail}</source>
        <translation>The camera cannot be reached; retrying… {detail}</translation>
    </message>
    <message>
        <source>The recording has ended.</source>
        <translation>The recording has ended.</translation>
    </message>
    <message>
        <source>Connecting…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>Stream: {kind}</source>
        <translation>Stream: {kind}</translation>
    </message>
    <message>
        <source>Decoder: {backend}</source>
        <translation>Decoder: {backend}</translation>
    </message>
    <message>
        <source>Address: {url}</source>
        <translation>Address: {url}</translation>
    </message>
    <message>
        <source>State: {state}</source>
        <translation>State: {state}</translation>
    </message>
</context>
<context>
    <name>WallControl</name>
    <message>
        <source>Screen {name} was connected: it is a wall output now.</source>
        <translation>Screen {name} was connected: it is a wall output now.</translation>
    </message>
    <message>
        <source>Screen {name} was disconnected; its views were closed.</source>
        <translation>Screen {name} was disconnected; its views were closed.</translation>
    </message>
    <message>
        <source>There is no wall output {name}.</source>
        <translation>There is no wall output {name}.</translation>
    </message>
    <message>
        <source>Every tile of {output} shows a view; close one or drop the monitoring point onto its miniature.</source>
        <translation>Every tile of {output} shows a view; close one or drop the monitoring point onto its miniature.</translation>
    </message>
    <message>
        <source>{camera}: {reason}</source>
        <translation>{camera}: {reason}</translation>
    </message>
    <message>
        <source>Last session</source>
        <translation>Last session</translation>
    </message>
</context>
<context>
    <name>WallDock</name>
    <message>
        <source>Video wall</source>
        <translation>Video wall</translation>
    </message>
    <message>
        <source>Wall presets</source>
        <translation>Wall presets</translation>
    </message>
    <message>
        <source>No saved presets</source>
        <translation>No saved presets</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>Save what the wall shows now as a preset</source>
        <translation>Save what the wall shows now as a preset</translation>
    </message>
    <message>
        <source>Recall</source>
        <translation>Recall</translation>
    </message>
    <message>
        <source>Show the chosen preset on the wall</source>
        <translation>Show the chosen preset on the wall</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>{cameras} monitoring points on {outputs} output(s); saved by {account}</source>
        <translation>{cameras} monitoring points on {outputs} output(s); saved by {account}</translation>
    </message>
</context>
<context>
    <name>WallMiniature</name>
    <message>
        <source>Drop a monitoring point on a tile of this miniature to show it there on the wall</source>
        <translation>Drop a monitoring point on a tile of this miniature to show it there on the wall</translation>
    </message>
</context>
<context>
    <name>WallOutputWindow</name>
    <message>
        <source>Video wall test output — drag here to move</source>
        <translation>Video wall test output — drag here to move</translation>
    </message>
    <message>
        <source>Video wall test output</source>
        <translation>Video wall test output</translation>
    </message>
    <message>
        <source>Video wall: screen {name}</source>
        <translation>Video wall: screen {name}</translation>
    </message>
    <message>
        <source>Test output (a window on this screen)</source>
        <translation>Test output (a window on this screen)</translation>
    </message>
    <message>
        <source>Screen {name}</source>
        <translation>Screen {name}</translation>
    </message>
</context>
<context>
    <name>WallPresets</name>
    <message>
        <source>Save wall preset</source>
        <translation>Save wall preset</translation>
    </message>
    <message>
        <source>Name of the preset (a preset of the same name is replaced):</source>
        <translation>Name of the preset (a preset of the same name is replaced):</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Wall preset {name} replaced.</source>
        <translation>Wall preset {name} replaced.</translation>
    </message>
    <message>
        <source>Wall preset {name} saved.</source>
        <translation>Wall preset {name} saved.</translation>
    </message>
    <message>
        <source>Delete wall preset</source>
        <translation>Delete wall preset</translation>
    </message>
    <message>
        <source>Delete the wall preset {name}?</source>
        <translation>Delete the wall preset {name}?</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>Wall preset {name} deleted.</source>
        <translation>Wall preset {name} deleted.</translation>
    </message>
    <message>
        <source>The wall presets cannot be read or written: {error}</source>
        <translation>The wall presets cannot be read or written: {error}</translation>
    </message>
    <message>
        <source>{camera}: {reason}</source>
        <translation>{camera}: {reason}</translation>
    </message>
    <message>
        <source>Wall preset {name}: {opened} of {total} monitoring points shown.</source>
        <translation>Wall preset {name}: {opened} of {total} monitoring points shown.</translation>
    </message>
    <message>
        <source>Not connected: {outputs}.</source>
        <translation>Not connected: {outputs}.</translation>
    </message>
    <message>
        <source>Not shown: {cameras}</source>
        <translation>Not shown: {cameras}</translation>
    </message>
</context>
<context>
    <name>Watermark</name>
    <message>
        <source>Session</source>
        <translation>Session</translation>
    </message>
</context>
</TS>
