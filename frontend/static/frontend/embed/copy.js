// "Copy embed code": the textarea already holds the code (and can be selected by hand without this);
// the button copies it in one click and says so.
for (const button of document.querySelectorAll("[data-copy-embed]")) {
  button.addEventListener("click", async () => {
    const area = document.getElementById(button.dataset.copyEmbed);
    const status = button.parentElement.querySelector(".embed-copied");
    area.select();
    try {
      await navigator.clipboard.writeText(area.value);
    } catch {
      // No clipboard (an http page, a denied permission): the text is selected for Ctrl+C.
      return;
    }
    if (status) status.textContent = button.dataset.copied;
  });
}
