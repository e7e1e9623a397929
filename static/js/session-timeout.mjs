// The warning before staff are signed out for inactivity (the GOV.UK "timeout warning"
// pattern). Without JavaScript the sign-in still ends after 30 minutes; each staff page
// says so.
//
// The server is the judge of how long is left: other tabs may have kept the sign-in
// going, so before warning or leaving the page this asks it (asking is not activity).

const ACTIVITY = ["keydown", "pointerdown", "input"];
const KEEP_ALIVE_AT_MOST_EVERY = 60_000;
const SPEAK_EVERY = 20_000;

function described(seconds) {
  if (seconds >= 60) {
    const minutes = Math.ceil(seconds / 60);
    return `${minutes} minute${minutes === 1 ? "" : "s"}`;
  }
  return `${seconds} second${seconds === 1 ? "" : "s"}`;
}

export function initSessionTimeout(dialog) {
  const warnFor = Number(dialog.dataset.warnSeconds) * 1000;
  const countdown = dialog.querySelector(".portal-timeout__countdown");
  const spoken = dialog.querySelector(".portal-timeout__spoken");
  let endsAt = Date.now() + Number(dialog.dataset.secondsLeft) * 1000;
  let lastContact = Date.now();
  let timer = null;
  let ticker = null;
  let lastSpoken = 0;

  async function ask(url, method) {
    const response = await fetch(url, {
      method,
      credentials: "same-origin",
      redirect: "manual",
      headers: method === "POST" ? { "X-CSRFToken": dialog.dataset.csrfToken } : {},
    });
    if (!response.ok) return 0; // signed out already (sent to sign in) or refused
    const { seconds_left: secondsLeft } = await response.json();
    return secondsLeft;
  }

  function schedule(secondsLeft) {
    endsAt = Date.now() + secondsLeft * 1000;
    clearTimeout(timer);
    timer = setTimeout(check, Math.max(0, endsAt - warnFor - Date.now()));
  }

  function leave() {
    window.location.assign(dialog.dataset.timedOutUrl);
  }

  async function check() {
    const secondsLeft = await ask(dialog.dataset.statusUrl, "GET").catch(() => null);
    if (secondsLeft === null) return schedule(30); // the network blinked: look again soon
    if (secondsLeft <= 0) return leave();
    if (secondsLeft * 1000 > warnFor + 1000) {
      close();
      return schedule(secondsLeft);
    }
    endsAt = Date.now() + secondsLeft * 1000;
    warn();
    timer = setTimeout(check, secondsLeft * 1000);
  }

  function tick() {
    const seconds = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    countdown.textContent = described(seconds);
    if (Date.now() - lastSpoken >= SPEAK_EVERY) {
      spoken.textContent = described(seconds);
      lastSpoken = Date.now();
    }
  }

  function warn() {
    if (!dialog.open) {
      lastSpoken = 0;
      dialog.showModal();
      dialog.querySelector("[data-timeout-stay]").focus();
    }
    tick();
    clearInterval(ticker);
    ticker = setInterval(tick, 1000);
  }

  function close() {
    clearInterval(ticker);
    if (dialog.open) dialog.close();
  }

  async function stay() {
    const secondsLeft = await ask(dialog.dataset.keepAliveUrl, "POST").catch(() => null);
    if (secondsLeft === 0) return leave();
    lastContact = Date.now();
    close();
    schedule(secondsLeft ?? 30);
  }

  dialog.querySelector("[data-timeout-stay]").addEventListener("click", stay);
  // Escape closes a modal dialog; here it means "stay signed in", as the button does.
  dialog.addEventListener("cancel", (event) => {
    event.preventDefault();
    stay();
  });
  // Someone typing a long form is not idle: their activity keeps the sign-in going.
  for (const name of ACTIVITY) {
    document.addEventListener(name, () => {
      if (!dialog.open && Date.now() - lastContact > KEEP_ALIVE_AT_MOST_EVERY) stay();
    }, { passive: true });
  }
  schedule(Number(dialog.dataset.secondsLeft));
}
