// Loaded as a module, so only browsers that can run GOV.UK Frontend's JavaScript get here.
// Everything on the site works without it.
import { initAll } from "../dist/govuk-frontend.min.js";
import { initSessionTimeout } from "./session-timeout.mjs";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();

const timeoutWarning = document.getElementById("session-timeout");
if (timeoutWarning) initSessionTimeout(timeoutWarning);
