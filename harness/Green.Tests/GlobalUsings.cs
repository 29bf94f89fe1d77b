global using GreenTask = Green.JoinHandle;
