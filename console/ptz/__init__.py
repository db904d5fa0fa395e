"""PTZ control that always puts the camera back (R6, R7, R10): drivers behind one
interface, PTZ sessions in the shared database, the return home and its verification.
Qt-free."""
