"""SwitchCrossIsolatedMarginTest, ported mechanically from carpenstar/bybitapi-sdk-derivatives src/Derivatives/Contract/Position/SwitchCrossIsolatedMargin/Tests/SwitchCrossIsolatedMarginTest.php by tools/port_php_tests.py.

Do not edit by hand: re-run the tool (a port keeps PHP's names and structure line by line).
"""

from __future__ import annotations

from carpenstar_bybit.Core.Builders import RestBuilder
from carpenstar_bybit.Core.Enums import EnumOutputMode
from carpenstar_bybit.Core.Objects.Collection import EntityCollection
from carpenstar_bybit.Core.Response import CurlResponseDto
from carpenstar_bybit.Derivatives.Contract.Position.SwitchCrossIsolatedMargin.Overrides import (
    TestSwitchCrossIsolatedMargin,
)
from carpenstar_bybit.Derivatives.Contract.Position.SwitchCrossIsolatedMargin.Request import (
    SwitchCrossIsolatedMarginRequest,
)

switchCrossResponse = '{"retCode":0,"retMsg":"OK","result":{},"retExtInfo":{},"time":1670826151500}'


def testSwitchCrossIsolatedMarginEndpoint() -> None:
    endpoint = RestBuilder.make(TestSwitchCrossIsolatedMargin, SwitchCrossIsolatedMarginRequest())
    entityResponse = endpoint.execute(EnumOutputMode.MODE_ENTITY, switchCrossResponse)
    assert isinstance(entityResponse, CurlResponseDto)
    body = entityResponse.getBody()
    assert isinstance(body, EntityCollection)
