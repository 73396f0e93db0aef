// newsdex-serve: the page's script (the browser page replaces this file).
// The page works without it: the form and the results are server-rendered.
'use strict';
