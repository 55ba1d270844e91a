import { PGlite } from '@electric-sql/pglite';
let t=performance.now(); const a=await PGlite.create(); console.log('first', Math.round(performance.now()-t));
t=performance.now(); const b=await PGlite.create(); console.log('second', Math.round(performance.now()-t));
t=performance.now(); if (a.clone) { const c=await a.clone(); console.log('clone', Math.round(performance.now()-t)); } else console.log('no clone');
