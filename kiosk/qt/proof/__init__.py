"""Reading and steering the live scene for the proof sheets and the curator overlay."""
