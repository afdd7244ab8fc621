package org.redvest.terminal.screen;

import static org.assertj.core.api.Assertions.assertThat;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

/** Signing in to the kiosk's manager view in a real browser, the one way every browser test does it. */
public final class ManagerSignIn {
  private ManagerSignIn() {}

  /** Types the manager id and PIN into the sign-in page the browser shows, and submits it. */
  public static void submit(WebDriver driver, String manager, String pin) {
    driver.findElement(By.id("manager")).clear();
    driver.findElement(By.id("manager")).sendKeys(manager);
    driver.findElement(By.id("pin")).sendKeys(pin);
    driver.findElement(By.id("sign-in")).click();
  }

  /** The touch screen's way: the PIN typed on the page's keypad, a slip corrected with ⌫. */
  public static void withKeypad(WebDriver driver, String manager, String pin) {
    driver.findElement(By.id("manager")).clear();
    driver.findElement(By.id("manager")).sendKeys(manager);
    driver.findElement(By.cssSelector("#keypad [data-key='9']")).click();
    driver.findElement(By.cssSelector("#keypad [data-key='back']")).click();
    for (char digit : pin.toCharArray()) {
      driver.findElement(By.cssSelector("#keypad [data-key='" + digit + "']")).click();
    }
    assertThat(driver.findElement(By.id("pin")).getDomProperty("value")).isEqualTo(pin);
    driver.findElement(By.id("sign-in")).click();
  }
}
