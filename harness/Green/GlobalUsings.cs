// A green unit is its own JoinHandle (one object per spawn); scheduler code reads better calling it a task.
global using GreenTask = Green.JoinHandle;
