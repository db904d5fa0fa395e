"""The one path from a decoded picture to a screen: R8 (watermark) and R14 (privacy masks)
as a property of the code path, not of each window that shows video.

A decoder's picture reaches the GUI as a ``DecodedFrame``: a sealed wrapper that can be
measured, copied and passed around, but not drawn — ``QPainter`` takes no ``DecodedFrame``
and the image inside is read only here. ``PicturePainter.paint`` is the only code that puts
one on a ``QPainter``, and it cannot do so without a ``WatermarkSpec``: it paints the
picture, then the masks over it (opaque), then the watermark over the whole output. A desk
tile, the same tile maximised, a wall output's tiles and the privacy-mask editor all paint
through it (tests/test_picture_path.py checks the pixels, and scans the code so that no other
module draws a decoded picture itself).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, final

from PySide6.QtCore import QRect, QRectF, QSize
from PySide6.QtGui import QImage, QPainter, QPixmap

from console.overlay.mask_painter import paint_masks
from console.overlay.watermark_painter import WatermarkPainter
from console.privacy.masks import Polygon
from console.watermark import WatermarkSpec


@final
class DecodedFrame:
    """One decoded picture at the output size. Sealed: no subclass, no way to draw it but
    ``PicturePainter``. ``copy()`` gives a frame that outlives the decoder's buffer."""

    __slots__ = ("_sealed_image",)

    def __init__(self, image: QImage) -> None:
        self._sealed_image = image

    def __init_subclass__(cls, **kwargs: Any) -> None:
        raise TypeError("DecodedFrame is sealed: a picture is drawn by PicturePainter only")

    def width(self) -> int:
        return self._sealed_image.width()

    def height(self) -> int:
        return self._sealed_image.height()

    def size(self) -> QSize:
        return self._sealed_image.size()

    def isNull(self) -> bool:
        return self._sealed_image.isNull()

    def copy(self) -> DecodedFrame:
        """A deep copy (the decoder may reuse the buffer this frame reads)."""
        return DecodedFrame(self._sealed_image.copy())

    def __repr__(self) -> str:
        return f"DecodedFrame({self.width()}×{self.height()})"


class PicturePainter:
    """Paints a decoded picture with its masks and watermark. One per output (tile, mask
    editor); the watermark layers are shared by every painter of the process (see
    ``WatermarkPainter``)."""

    def __init__(self) -> None:
        self._watermark = WatermarkPainter()

    @property
    def watermark_renders(self) -> int:
        """How often this painter rendered a watermark layer (tests, benchmarks)."""
        return self._watermark.renders

    def watermark_layer(self, area: QRect, spec: WatermarkSpec, ratio: float) -> QPixmap:
        """The cached watermark layer for an output of ``area``'s size (read only)."""
        return self._watermark.layer(area, spec, ratio)

    def paint(self, painter: QPainter, area: QRect, spec: WatermarkSpec,
              frame: DecodedFrame | None, *, masks: Sequence[Polygon],
              picture: QRect | QRectF | None = None, dimmed: float = 1.0) -> None:
        """Draw ``frame`` into ``picture`` (default: ``area``) at ``dimmed`` opacity, fill
        ``masks`` (normalised to the picture) opaque over it, then ``spec`` over the whole of
        ``area`` at full strength — whatever the painter's opacity was. With no frame (none
        yet, or the stream is gone) the watermark is painted all the same: an output that
        belongs to a view carries it whatever it shows."""
        if frame is not None:
            target = QRectF(area) if picture is None else QRectF(picture)
            opacity = painter.opacity()
            painter.setOpacity(opacity * dimmed)
            painter.drawImage(target, frame._sealed_image)
            painter.setOpacity(opacity)
            if masks:
                paint_masks(painter, target, masks)
        self._watermark.paint(painter, area, spec)
