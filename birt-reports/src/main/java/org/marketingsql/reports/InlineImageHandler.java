package org.marketingsql.reports;

import java.util.Base64;
import org.eclipse.birt.report.engine.api.HTMLImageHandler;
import org.eclipse.birt.report.engine.api.IImage;

/**
 * Puts the images of an HTML report (charts above all) into the page as {@code data:} URLs, so one
 * HTML file, or one HTTP answer of the portal, is the whole report: no image folder to copy, no
 * relative path that breaks when the file is mailed.
 */
final class InlineImageHandler extends HTMLImageHandler {
  @Override
  public String onDesignImage(IImage image, Object context) {
    return inline(image);
  }

  @Override
  public String onDocImage(IImage image, Object context) {
    return inline(image);
  }

  @Override
  public String onCustomImage(IImage image, Object context) {
    return inline(image);
  }

  @Override
  public String onFileImage(IImage image, Object context) {
    return inline(image);
  }

  @Override
  public String onURLImage(IImage image, Object context) {
    return image.getID();
  }

  private static String inline(IImage image) {
    byte[] data = image.getImageData();
    if (data == null) {
      return image.getID();
    }
    String type = image.getMimeType() == null ? "image/png" : image.getMimeType();
    return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(data);
  }
}
