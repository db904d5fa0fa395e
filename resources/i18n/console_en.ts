<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
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
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>No monitoring points yet.
The catalogue appears here once
the catalogue module is connected.</source>
        <translation>No monitoring points yet.
The catalogue appears here once
the catalogue module is connected.</translation>
    </message>
</context>
<context>
    <name>EmptyTile</name>
    <message>
        <source>Drag a monitoring point here to play</source>
        <translation>Drag a monitoring point here to play</translation>
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
        <source>Demo database — password for every account: {password}</source>
        <translation>Demo database — password for every account: {password}</translation>
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
        <source>The console database cannot be reached: {error}</source>
        <translation>The console database cannot be reached: {error}</translation>
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
        <source>The console database cannot be reached; retrying… ({error})</source>
        <translation>The console database cannot be reached; retrying… ({error})</translation>
    </message>
    <message>
        <source>Session ended</source>
        <translation>Session ended</translation>
    </message>
    <message>
        <source>Log in again to continue.</source>
        <translation>Log in again to continue.</translation>
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
Session: {code}</source>
        <translation>Version {version}

Terminal: {terminal} ({location})
IP address: {ip}
MAC address: {mac}
Network interface: {interface}
Session: {code}</translation>
    </message>
    <message>
        <source>The password was changed.</source>
        <translation>The password was changed.</translation>
    </message>
    <message>
        <source>The console database cannot be reached: {error}</source>
        <translation>The console database cannot be reached: {error}</translation>
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
</context>
</TS>
