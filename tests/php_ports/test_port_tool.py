"""The porting rules of tools/port_php_tests.py that the spot ports added, on PHP lines of their own."""

from __future__ import annotations

import pytest

from tests.php_ports.php import current
from tools.port_php_tests import CURRENT, LINE_2023, known, line_of, statement


def test_a_test_file_is_told_to_its_line_by_what_it_calls() -> None:
    assert line_of("$e->execute(EnumOutputMode::MODE_ENTITY, $j); $e->getBody();") == LINE_2023
    assert line_of("(new CurlResponseHandler())->build($a, X::class)->getResult();") == CURRENT
    with pytest.raises(SystemExit):
        line_of("$this->assertTrue(true);")
    with pytest.raises(SystemExit):
        line_of("$e->execute(1); $r->getResult();")


def test_statements_of_the_spot_tests() -> None:
    assert statement(
        '$dto = ResponseDtoBuilder::make(X::class, ["orderId" => 12345, "c" => "e"]);'
    ) == ('dto = ResponseDtoBuilder.make(X, {"orderId": 12345, "c": "e"})')
    assert statement("if (!is_null($order->getTriggerPrice())) {") == (
        "if order.getTriggerPrice() is not None:"
    )
    assert statement("$this->assertEquals('OK', $data->getReturnMessage());") == (
        "assert data.getReturnMessage() == 'OK'"
    )
    assert statement("$this->assertEquals(true, $t->getIsBuyerMaker());") == (
        "assert t.getIsBuyerMaker() == True"
    )
    # true/false/null inside a string literal stay as they are
    assert statement('$j = \'{"a":true,"b":null}\';') == 'j = \'{"a":true,"b":null}\''
    assert statement("$this->assertIsInt($dto->getOrderId());") == (
        "assert isinstance(dto.getOrderId(), int)"
    )
    assert statement("$data = json_decode($json, true);", CURRENT) == "data = json_decode(json)"
    assert statement("$data = json_decode($json, true);") == "data = json.loads(json)"


def test_known_differences_are_looked_up_per_repository_and_line() -> None:
    spot_2023 = known("carpenstar/bybitapi-sdk-spot", LINE_2023)
    assert spot_2023[("KlineTest", "testKlineInfoDTOBuilder")][0] == "V3_KLINE_OBJECTS_REFUSED"
    assert ("PlaceOrderTest", "testPlaceOrderEndpoint") not in spot_2023
    derivatives = known("carpenstar/bybitapi-sdk-derivatives", LINE_2023)
    assert derivatives[("PlaceOrderTest", "testPlaceOrderEndpoint")][0] == (
        "TIME_IN_FORCE_FULL_MISSING"
    )
    assert ("KlineTest", "testBuildResponseData") in known("carpenstar/bybitapi-spot", CURRENT)


def test_php_current_gives_the_first_element_or_false() -> None:
    assert current([3, 4]) == 3
    assert current([]) is False
