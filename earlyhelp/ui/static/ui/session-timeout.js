// Warns a signed-in user before their session expires and lets them keep it. The server ends an idle session on
// its own (SESSION_COOKIE_AGE); this only tells the user first, so without JavaScript nothing breaks.
;(function () {
  'use strict'

  const dialog = document.getElementById('session-timeout')
  if (!dialog || typeof dialog.showModal !== 'function') return

  const timeoutMs = Number(dialog.dataset.timeoutSeconds) * 1000
  const warningMs = Number(dialog.dataset.warningSeconds) * 1000
  const countdown = dialog.querySelector('[data-countdown]')
  const minute = 60 * 1000
  let expiresAt = 0
  let timers = []

  function minutesLeft () {
    const minutes = Math.max(1, Math.ceil((expiresAt - Date.now()) / minute))
    return minutes === 1 ? '1 minute' : minutes + ' minutes'
  }

  // Once a minute, not every second, so screen readers announce the live region a few times, not constantly.
  function updateCountdown () {
    countdown.textContent = minutesLeft()
    const untilNextMinute = (expiresAt - Date.now()) % minute || minute
    timers.push(setTimeout(updateCountdown, untilNextMinute))
  }

  function warn () {
    updateCountdown()
    if (!dialog.open) dialog.showModal()
  }

  function signIn () {
    const next = window.location.pathname + window.location.search
    window.location.href = dialog.dataset.loginUrl + '?next=' + encodeURIComponent(next)
  }

  function start () {
    timers.forEach(clearTimeout)
    expiresAt = Date.now() + timeoutMs
    timers = [setTimeout(warn, Math.max(0, timeoutMs - warningMs)), setTimeout(signIn, timeoutMs)]
  }

  function csrfToken () {
    const match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/)
    return match ? decodeURIComponent(match[1]) : ''
  }

  async function staySignedIn () {
    let response
    try {
      response = await fetch(dialog.dataset.keepaliveUrl, {
        method: 'POST',
        headers: { 'X-CSRFToken': csrfToken() },
        credentials: 'same-origin',
        redirect: 'manual'
      })
    } catch (error) {
      return // offline: the warning stays open and the user can try again
    }
    // Anything but 204 (a redirect to sign in, mostly) means the session has already gone.
    if (response.status !== 204) return signIn()
    dialog.close()
    start()
  }

  dialog.querySelector('[data-stay-signed-in]').addEventListener('click', staySignedIn)
  // Escape means "I am still here", as in the GOV.UK timeout warning pattern.
  dialog.addEventListener('cancel', function (event) {
    event.preventDefault()
    staySignedIn()
  })
  dialog.querySelector('[data-sign-out]').addEventListener('click', function (event) {
    const form = document.getElementById('sign-out-form')
    if (form) {
      event.preventDefault()
      form.submit()
    }
  })
  // Every HTMX request extends the session on the server (SESSION_SAVE_EVERY_REQUEST), so restart the clock.
  document.addEventListener('htmx:afterRequest', function () {
    if (!dialog.open) start()
  })
  // Timers stop while a laptop sleeps: on waking, catch up with the real time.
  document.addEventListener('visibilitychange', function () {
    if (document.visibilityState !== 'visible') return
    const left = expiresAt - Date.now()
    if (left <= 0) signIn()
    else if (left <= warningMs) warn()
  })

  start()
})()
