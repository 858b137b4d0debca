using System.Runtime.CompilerServices;

// All interop in this assembly goes through [LibraryImport] with blittable signatures only:
// structs are passed as-is, C bools are declared as byte and strings are UTF-8 marshalled by the
// LibraryImport source generator (not by the runtime).
[assembly: DisableRuntimeMarshalling]
