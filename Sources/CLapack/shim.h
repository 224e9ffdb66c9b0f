#ifndef CLAPACK_SHIM_H
#define CLAPACK_SHIM_H
/* OpenBLAS's cblas.h (Debian: /usr/include/x86_64-linux-gnu/openblas-pthread/, also reachable
   through the alternatives symlink /usr/include/x86_64-linux-gnu/cblas.h). */
#include <cblas.h>
/* netlib LAPACKE (/usr/include); its Fortran LAPACK calls bind to libopenblas at run time. */
#include <lapacke.h>
#endif
